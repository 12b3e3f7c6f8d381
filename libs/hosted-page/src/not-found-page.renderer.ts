import { htmlDocument, SYSTEM_FONT_STACK } from './html-document';
import { view } from './views';

const CSS = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:${SYSTEM_FONT_STACK};background:#f2f2f7;color:#1c1c1e;line-height:1.5}
.page{max-width:28rem;margin:0 auto;padding:3rem 1.25rem;text-align:center}
h1{font-size:1.375rem;margin:0 0 .75rem}
p{margin:0;color:#3a3a3c}`;

const renderBody = view<{ message: string }>(
  'not-found',
  `<main class="page">
<h1>This link is not valid or has expired</h1>
<p><%= it.message %></p>
</main>`,
);

/** The page behind an unknown, expired or revoked short link or page token (served with 404). */
export function renderNotFoundPage(options: { message?: string } = {}): string {
  const message = options.message?.trim() || 'If you received it by text message, ask the sender for a new one.';
  return htmlDocument({ title: 'Link not valid', css: CSS, body: renderBody({ message }) });
}
