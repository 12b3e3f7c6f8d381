import { view } from './views';

describe('hosted page templates (eta)', () => {
  const render = view<{ text: string }>('spec-escape', `<p title="<%= it.text %>"><%= it.text %></p>`);

  it('escapes the five characters that can break out of text or a quoted attribute', () => {
    expect(render({ text: `<a href="x" onclick='y'>&</a>` })).toBe(
      '<p title="&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;">&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;</p>',
    );
  });

  it('leaves ordinary text alone', () => {
    expect(render({ text: 'Zoë Müller 日本 1560' })).toBe('<p title="Zoë Müller 日本 1560">Zoë Müller 日本 1560</p>');
  });
});
