import { parseCssColor, readableTextColor, toCssRgb, type Rgb } from './color-contrast';
import { htmlDocument, SYSTEM_FONT_STACK } from './html-document';
import { safeHref, safeImageDataUri } from './html-escape';
import { view } from './views';

export type EnrollmentFormField = 'member_name' | 'member_email' | 'phone_number';
/** What the person can get wrong: a field, or the consent checkbox. */
export type EnrollmentInput = EnrollmentFormField | 'consent';

export interface EnrollmentFormPageModel {
  companyName: string;
  /** A data:image/…;base64 URI; anything else is ignored so the page loads nothing external. */
  logoDataUri?: string | null;
  /** CSS colour strings of the brand (the pass style's). */
  colors: { background: string; foreground: string; label: string };
  /** Where the form posts: the page's own path, /e/{slug}. */
  action: string;
  fields: readonly EnrollmentFormField[];
  /** When set, a checkbox the person must tick before signing up. */
  consentText: string | null;
  /** Which wallets the sign-up leads to, for the intro sentence. */
  wallets: 'apple' | 'google' | 'both';
  /** The name of the hidden field only bots fill in. */
  honeypotName: string;
  /** What the person typed, shown again after a refused post. */
  values?: Partial<Record<EnrollmentInput, string>>;
  /** One message per refused input, shown next to it. */
  errors?: Partial<Record<EnrollmentInput, string>>;
  /** A message about the whole form (a refusal no single field explains). */
  formError?: string | null;
}

interface FieldSpec {
  label: string;
  type: 'text' | 'email' | 'tel';
  autocomplete: string;
  hint?: string;
  inputmode?: string;
}

const FIELD_SPECS: Record<EnrollmentFormField, FieldSpec> = {
  member_name: { label: 'Full name', type: 'text', autocomplete: 'name' },
  member_email: { label: 'Email address', type: 'email', autocomplete: 'email', inputmode: 'email' },
  phone_number: { label: 'Mobile phone number', type: 'tel', autocomplete: 'tel', inputmode: 'tel', hint: 'With your country code, for example +44 7700 900123' },
};

const WALLET_NAMES = { apple: 'Apple Wallet', google: 'Google Wallet', both: 'Apple Wallet or Google Wallet' } as const;

const DEFAULT_BACKGROUND: Rgb = { r: 28, g: 28, b: 30 };
const DEFAULT_FOREGROUND: Rgb = { r: 255, g: 255, b: 255 };

const inputId = (input: EnrollmentInput): string => `field-${input.replace(/_/g, '-')}`;

interface FieldView {
  id: string;
  name: EnrollmentFormField;
  spec: FieldSpec;
  value: string;
  error?: string;
  describedBy: string;
}

interface FormView {
  company: string;
  logo: string | null;
  wallets: string;
  action: string;
  failed: boolean;
  formError: string | null;
  errorItems: Array<{ href: string; label: string; message: string }>;
  fields: FieldView[];
  consent: { id: string; text: string; checked: boolean; error?: string } | null;
  honeypotName: string;
}

// The honeypot is a field people never see or reach (off-screen, out of the tab order,
// hidden from screen readers) but form-filling bots do: a post that fills it is refused.
const renderForm = view<FormView>(
  'enrollment-form',
  `<header class="brand">
<div class="brand-inner">
<% if (it.logo) { %><img class="logo" src="<%= it.logo %>" alt="<%= it.company %> logo"><% } %>
<p class="brand-name"><%= it.company %></p>
</div>
</header>
<main class="page">
<h1>Get your <%= it.company %> card</h1>
<p class="intro">Sign up and add your loyalty card to <%= it.wallets %>.</p>
<% if (it.failed) { %><div class="error-summary" role="alert" aria-labelledby="error-summary-title" data-testid="error-summary">
<h2 id="error-summary-title">There is a problem</h2>
<% if (it.formError) { %><p><%= it.formError %></p><% } %><% if (it.errorItems.length) { %><ul>
<% it.errorItems.forEach((item, i) => { %><%= i > 0 ? '\\n' : '' %><li><a href="<%= item.href %>"><%= item.label %>: <%= item.message %></a></li><% }) %>
</ul><% } %>
</div><% } %>
<form method="post" action="<%= it.action %>" novalidate>
<% it.fields.forEach((f) => { %><div class="field<%= f.error ? ' field-error' : '' %>">
<label for="<%= f.id %>"><%= f.spec.label %></label>
<% if (f.spec.hint) { %><p class="hint" id="<%= f.id %>-hint"><%= f.spec.hint %></p><% } %>
<% if (f.error) { %><p class="error" id="<%= f.id %>-error" data-testid="error-<%= f.name %>"><span class="visually-hidden">Error:</span> <%= f.error %></p><% } %>
<input id="<%= f.id %>" name="<%= f.name %>" type="<%= f.spec.type %>" autocomplete="<%= f.spec.autocomplete %>"<% if (f.spec.inputmode) { %> inputmode="<%= f.spec.inputmode %>"<% } %> value="<%= f.value %>" required<% if (f.describedBy) { %> aria-describedby="<%= f.describedBy %>"<% } %><% if (f.error) { %> aria-invalid="true"<% } %>>
</div>
<% }) %><% if (it.consent) { %><div class="field consent<%= it.consent.error ? ' field-error' : '' %>">
<% if (it.consent.error) { %><p class="error" id="<%= it.consent.id %>-error" data-testid="error-consent"><span class="visually-hidden">Error:</span> <%= it.consent.error %></p><% } %>
<div class="checkbox">
<input id="<%= it.consent.id %>" name="consent" type="checkbox" value="yes"<% if (it.consent.checked) { %> checked<% } %> required<% if (it.consent.error) { %> aria-describedby="<%= it.consent.id %>-error" aria-invalid="true"<% } %>>
<label for="<%= it.consent.id %>"><%= it.consent.text %></label>
</div>
</div>
<% } %><div class="hp" aria-hidden="true">
<label for="field-hp">Leave this field empty</label>
<input id="field-hp" name="<%= it.honeypotName %>" type="text" value="" tabindex="-1" autocomplete="off">
</div>
<button type="submit" class="submit">Sign up</button>
</form>
</main>`,
);

/**
 * The public sign-up form (GET /e/{slug}) and its re-render after a refused post. A plain
 * HTML form: no script, so it works with JavaScript off, and `novalidate` so the server's
 * messages (tied to each input by aria-describedby) are the only ones, the same with or
 * without a browser's own checks. Errors lead the form as a list of links to the inputs.
 */
export function renderEnrollmentFormPage(model: EnrollmentFormPageModel): string {
  const background = parseCssColor(model.colors.background) ?? DEFAULT_BACKGROUND;
  const foreground = readableTextColor(parseCssColor(model.colors.foreground) ?? DEFAULT_FOREGROUND, background);
  const company = model.companyName.trim() || 'Loyalty card';
  const errors = model.errors ?? {};
  const failed = Object.keys(errors).length > 0 || Boolean(model.formError);
  const fields = model.fields.map((name): FieldView => {
    const spec = FIELD_SPECS[name];
    const id = inputId(name);
    const error = errors[name];
    const describedBy = [spec.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return { id, name, spec, value: model.values?.[name] ?? '', error, describedBy };
  });
  const body = renderForm({
    company,
    logo: safeImageDataUri(model.logoDataUri),
    wallets: WALLET_NAMES[model.wallets],
    action: safeHref(model.action) ?? '',
    failed,
    formError: model.formError ?? null,
    errorItems: (Object.entries(errors) as Array<[EnrollmentInput, string]>).map(([input, message]) => ({ href: `#${inputId(input)}`, label: labelOf(input), message })),
    fields,
    consent: model.consentText ? { id: inputId('consent'), text: model.consentText, checked: model.values?.consent === 'yes', error: errors.consent } : null,
    honeypotName: model.honeypotName,
  });
  return htmlDocument({
    title: `${failed ? 'Error: ' : ''}Sign up for ${company}`,
    css: pageCss(background, foreground),
    body,
    formAction: 'self',
  });
}

function labelOf(input: EnrollmentInput): string {
  return input === 'consent' ? 'Consent' : FIELD_SPECS[input].label;
}

function pageCss(background: Rgb, foreground: Rgb): string {
  return `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:${SYSTEM_FONT_STACK};background:#f2f2f7;color:#1c1c1e;line-height:1.5}
.brand{background:${toCssRgb(background)};color:${toCssRgb(foreground)}}
.brand-inner{max-width:28rem;margin:0 auto;padding:1rem;display:flex;align-items:center;gap:.75rem;min-height:4rem}
.logo{height:2.5rem;width:auto;max-width:8rem;object-fit:contain}
.brand-name{margin:0;font-weight:700;font-size:1.125rem;overflow-wrap:anywhere}
.page{max-width:28rem;margin:0 auto;padding:1.5rem 1rem 2.5rem}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem;overflow-wrap:anywhere}
.intro{margin:0 0 1.5rem;color:#3a3a3c}
.field{margin:0 0 1.25rem}
.field label{display:block;font-weight:600;margin-bottom:.25rem}
.hint{margin:0 0 .25rem;color:#3a3a3c;font-size:.9375rem}
.error{margin:0 0 .25rem;color:#b3261e;font-weight:600}
input[type=text],input[type=email],input[type=tel]{width:100%;font:inherit;padding:.625rem .75rem;border:2px solid #6e6e73;border-radius:.5rem;background:#fff;color:#1c1c1e}
.field-error input[type=text],.field-error input[type=email],.field-error input[type=tel]{border-color:#b3261e}
input:focus-visible,.submit:focus-visible,.error-summary a:focus-visible{outline:3px solid #0a60c2;outline-offset:2px}
.checkbox{display:flex;gap:.75rem;align-items:flex-start}
.checkbox input{width:1.5rem;height:1.5rem;margin:.125rem 0 0;flex:none}
.checkbox label{font-weight:400;margin:0}
.submit{display:block;width:100%;font:inherit;font-weight:700;font-size:1.0625rem;padding:.75rem 1rem;border:0;border-radius:.75rem;cursor:pointer;background:${toCssRgb(background)};color:${toCssRgb(foreground)}}
.error-summary{border:3px solid #b3261e;border-radius:.75rem;background:#fff;padding:1rem 1.25rem;margin:0 0 1.5rem}
.error-summary h2{font-size:1.125rem;margin:0 0 .5rem}
.error-summary p{margin:0 0 .5rem}
.error-summary ul{margin:0;padding-left:1.25rem}
.error-summary a{color:#b3261e;font-weight:600}
.visually-hidden,.hp{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.hp{left:-10000px}`;
}
