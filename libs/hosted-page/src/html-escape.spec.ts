import { safeHref, safeImageDataUri } from './html-escape';

describe('safeHref', () => {
  it.each([
    ['/p/tok/pass.pkpass', '/p/tok/pass.pkpass'],
    ['https://pay.google.com/gp/v/save/abc', 'https://pay.google.com/gp/v/save/abc'],
    ['http://localhost:3000/p/tok/pass.pkpass', 'http://localhost:3000/p/tok/pass.pkpass'],
  ])('keeps %s', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  it.each(['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>x</script>', '//evil.example/x', '/\\evil.example', 'p/relative', '', null, undefined])(
    'drops %j',
    (input) => {
      expect(safeHref(input)).toBeNull();
    },
  );
});

describe('safeImageDataUri', () => {
  it('keeps base64 image data URIs', () => {
    expect(safeImageDataUri('data:image/png;base64,iVBORw0KGgo=')).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it.each(['https://cdn.example/logo.png', 'data:text/html;base64,PHNjcmlwdD4=', 'data:image/png;base64,abc"onerror="x', 'javascript:x'])(
    'drops %j (the page loads nothing from elsewhere)',
    (input) => {
      expect(safeImageDataUri(input)).toBeNull();
    },
  );
});
