// Inline SVG approximations of the two vendors' badges. They draw with system fonts only,
// so the page needs no web font or image request. The SVGs are aria-hidden: the enclosing
// link carries the accessible name.

const SYSTEM_FONT = `-apple-system, BlinkMacSystemFont, 'SF Pro Text', 'Helvetica Neue', Roboto, Arial, sans-serif`;

/** Apple's "Add to Apple Wallet" badge: black, thin grey rim, Wallet icon, two lines of text. */
export const APPLE_WALLET_BADGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 220 68" width="220" height="68" aria-hidden="true" focusable="false">
<rect x="0.75" y="0.75" width="218.5" height="66.5" rx="11" fill="#000" stroke="#a6a6a6" stroke-width="1.5"/>
<g transform="translate(18 14)">
<rect x="0" y="0" width="44" height="40" rx="8" fill="#1c1c1e"/>
<rect x="5" y="4" width="34" height="18" rx="3" fill="#3b9eed"/>
<rect x="5" y="8.5" width="34" height="18" rx="3" fill="#f8b72d"/>
<rect x="5" y="13" width="34" height="18" rx="3" fill="#5fbf4a"/>
<rect x="5" y="17.5" width="34" height="18" rx="3" fill="#f26c4f"/>
<path d="M2 23h12c2 0 3 1 4 3c1 2 2.5 3 4 3s3-1 4-3c1-2 2-3 4-3h12v10a7 7 0 0 1-7 7H9a7 7 0 0 1-7-7z" fill="#d8d8d8"/>
</g>
<text x="76" y="29" fill="#fff" font-family="${SYSTEM_FONT}" font-size="14" font-weight="500">Add to</text>
<text x="76" y="52" fill="#fff" font-family="${SYSTEM_FONT}" font-size="22" font-weight="600" textLength="124" lengthAdjust="spacingAndGlyphs">Apple Wallet</text>
</svg>`;

/** Google's "Add to Google Wallet" button: dark pill, Wallet mark, one line of text. */
export const GOOGLE_WALLET_BADGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 264 56" width="264" height="56" aria-hidden="true" focusable="false">
<rect x="0.5" y="0.5" width="263" height="55" rx="28" fill="#1f1f1f" stroke="#747775"/>
<g transform="translate(20 14)">
<path d="M3 2h26a3 3 0 0 1 3 3v8H0V5a3 3 0 0 1 3-3z" fill="#ea4335"/>
<path d="M0 8h32v8H0z" fill="#fbbc04"/>
<path d="M0 13h32v8H0z" fill="#34a853"/>
<path d="M0 18h19c2 0 3 1 4 2.5s2 2.5 4 2.5h5v2a3 3 0 0 1-3 3H3a3 3 0 0 1-3-3z" fill="#4285f4"/>
</g>
<text x="64" y="35" fill="#fff" font-family="'Google Sans', Roboto, ${SYSTEM_FONT}" font-size="18" font-weight="500" textLength="178" lengthAdjust="spacingAndGlyphs">Add to Google Wallet</text>
</svg>`;
