import { createHash } from 'node:crypto';
import { view } from './views';

export const SYSTEM_FONT_STACK = `-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif`;

/**
 * A complete HTML document with its one stylesheet inline. The CSP allows exactly that
 * stylesheet (by hash) and data: images, and nothing else: no script, no fetch, no font,
 * so even an escaping bug could not load or run anything. Links still navigate. A page
 * with a form (`formAction: 'self'`) may post it to its own origin only.
 * Referrer is off because the page URL holds the pass's access token.
 */
export function htmlDocument(page: { title: string; css: string; body: string; lang?: string; formAction?: 'self' }): string {
  const styleHash = createHash('sha256').update(page.css, 'utf8').digest('base64');
  const formAction = page.formAction === 'self' ? "'self'" : "'none'";
  const csp = `default-src 'none'; img-src data:; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action ${formAction}`;
  return renderDocument({ lang: page.lang ?? 'en', csp, title: page.title, css: page.css, body: page.body });
}

// `css` is ours (colours pass through toCssRgb) and `body` is markup rendered by the page templates.
const renderDocument = view<{ lang: string; csp: string; title: string; css: string; body: string }>(
  'document',
  `<!doctype html>
<html lang="<%= it.lang %>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="<%= it.csp %>">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<meta name="color-scheme" content="light">
<title><%= it.title %></title>
<style><%~ it.css %></style>
</head>
<body>
<%~ it.body %>
</body>
</html>
`,
);
