/** What a pass e-mail says: the same for the dry run and the send, so a dry run shows the exact message. */
export interface PassEmailInput {
  companyName: string;
  memberName: string | null;
  link: string;
  /** The attached .pkpass, for an Apple pass. */
  attachment: string | null;
  subject?: string;
}

export interface PassEmail {
  subject: string;
  text: string;
  html: string;
}

/** Header-safe: no line breaks (a subject or name could otherwise forge headers), trimmed. */
const oneLine = (value: string): string => value.replace(/[\r\n\t]+/g, ' ').replace(/\s{2,}/g, ' ').trim();

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * A short, plain message: a greeting, the link to the hosted Add to Wallet page (which offers
 * Apple and Google Wallet for the reader's device) and, for Apple passes, a word on the
 * attachment. Text and HTML carry the same link.
 */
export function composePassEmail(input: PassEmailInput): PassEmail {
  const company = oneLine(input.companyName) || 'Your card';
  const firstName = oneLine(input.memberName ?? '').split(' ')[0] ?? '';
  const subject = oneLine(input.subject ?? '') || `Your ${company} card`;
  const greeting = firstName ? `Hi ${firstName},` : 'Hello,';
  const attached = input.attachment ? 'On an iPhone you can also open the attached pass to add it to Apple Wallet.' : null;
  const lines = [greeting, '', `your ${company} card is ready. Add it to your wallet:`, input.link, ...(attached ? ['', attached] : []), '', company];
  const html = [
    '<!doctype html><html><body style="font-family: -apple-system, Segoe UI, Roboto, sans-serif; line-height: 1.5">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>your ${escapeHtml(company)} card is ready.</p>`,
    `<p><a href="${escapeHtml(input.link)}" style="display:inline-block;padding:10px 16px;background:#111;color:#fff;border-radius:6px;text-decoration:none">Add to my wallet</a></p>`,
    `<p style="font-size:13px;color:#555">Or open this link: <a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`,
    ...(attached ? [`<p style="font-size:13px;color:#555">${escapeHtml(attached)}</p>`] : []),
    `<p>${escapeHtml(company)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text: lines.join('\n'), html };
}

/** `ada@example.com` → `a***@example.com`: enough to recognise, not enough to harvest (event logs outlive members). */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
