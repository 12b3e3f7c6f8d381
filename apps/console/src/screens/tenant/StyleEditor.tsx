import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { tenantApi, unwrap, unwrapPage } from '../../api/client';
import { applyApiError, usePageTitle } from '../../components/forms';
import { PassPreview } from '../../components/PassPreview';
import { ErrorList, Field, QueryError } from '../../components/ui';
import { previewModel, toHex } from '../../lib/preview';
import { FIELD_GROUPS, PASS_KINDS, STYLE_ERROR_ALIAS, TRANSIT_TYPES, emptyStyleForm, previewStyleFromForm, styleDtoFromForm, styleFormFromView, type StyleForm } from '../../lib/style-form';
import { colourError } from '../../lib/validation';

const COLOURS = [
  ['background_color', 'Background colour'],
  ['foreground_color', 'Text colour'],
  ['label_color', 'Label colour'],
] as const;

export function StyleEditor() {
  const { tenantId = '', styleId = 'new' } = useParams();
  const creating = styleId === 'new';
  usePageTitle(creating ? 'New pass style' : 'Edit pass style');
  const api = tenantApi(tenantId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const [warnings, setWarnings] = useState<string[]>([]);
  const form = useForm<StyleForm>({ defaultValues: emptyStyleForm(), mode: 'onChange' });
  const style = useQuery({
    queryKey: ['style', tenantId, styleId],
    enabled: !creating,
    queryFn: () => unwrap(api.GET('/v1/pass-styles/{id}', { params: { path: { id: styleId } } })),
  });
  useEffect(() => {
    if (style.data) form.reset(styleFormFromView(style.data));
  }, [style.data, form]);
  const assets = useQuery({ queryKey: ['assets', tenantId], queryFn: () => unwrapPage(api.GET('/v1/assets', { params: { query: { limit: 100 } } })) });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return unwrap(api.POST('/v1/assets', { body: { file: '' }, bodySerializer: () => body }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assets', tenantId] }),
  });
  const save = useMutation({
    mutationFn: (values: StyleForm) =>
      creating
        ? unwrap(api.POST('/v1/pass-styles', { body: styleDtoFromForm(values) }))
        : unwrap(api.PUT('/v1/pass-styles/{id}', { params: { path: { id: styleId } }, body: styleDtoFromForm(values) })),
    onSuccess: (saved) => {
      setWarnings(saved.warnings);
      void queryClient.invalidateQueries({ queryKey: ['styles', tenantId] });
      if (creating) navigate(`/t/${tenantId}/styles/${saved.id}`, { replace: true });
    },
    onError: (error) => setMessages(applyApiError(error, form.setError, ['name', 'is_default', 'kind', 'transit_type'], STYLE_ERROR_ALIAS)),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/pass-styles/{id}', { params: { path: { id: styleId } } })),
    onSuccess: () => navigate(`/t/${tenantId}/styles`),
  });

  const values = useWatch({ control: form.control }) as StyleForm;
  const kind = values.kind;
  const urls = useMemo(() => new Map((assets.data?.rows ?? []).map((a) => [a.filename, `/v1/assets/public/${a.sha256}.png`])), [assets.data]);
  const model = previewModel(previewStyleFromForm(values, (name) => urls.get(name) ?? null));
  const { errors } = form.formState;
  const imageChoices = (assets.data?.rows ?? []).map((a) => a.filename);

  return (
    <>
      <p>
        <Link to={`/t/${tenantId}/styles`}>← Pass styles</Link>
      </p>
      <h1>{creating ? 'New pass style' : `Style ${style.data?.name ?? ''}`}</h1>
      <QueryError error={style.error} />
      <div className="editor">
        <form noValidate className="style-form" onSubmit={form.handleSubmit((v) => (setMessages([]), setWarnings([]), save.mutate(v)))}>
          <ErrorList messages={messages} />
          <Field label="Style name" error={errors.name?.message}>
            {(c) => <input {...c} {...form.register('name', { required: 'must not be empty' })} />}
          </Field>
          <Field label="Pass kind" error={errors.kind?.message} hint="Fixed once passes show the style">
            {(c) => (
              <select {...c} {...form.register('kind')}>
                {PASS_KINDS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {kind === 'boarding_pass' && (
            <Field label="Transit type" error={errors.transit_type?.message}>
              {(c) => (
                <select {...c} {...form.register('transit_type')}>
                  {TRANSIT_TYPES.map((value) => (
                    <option key={value} value={value}>
                      {value}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <div className="field checkbox">
            <input id="is-default" type="checkbox" {...form.register('is_default')} />
            <label htmlFor="is-default">Default style of the tenant</label>
          </div>
          <fieldset>
            <legend>Colours</legend>
            {COLOURS.map(([name, label]) => (
              <Field key={name} label={label} error={errors[name]?.message} hint="#RRGGBB or rgb(r,g,b)">
                {(c) => (
                  <span className="colour">
                    <input {...c} {...form.register(name, { validate: (v) => colourError(v) })} />
                    <input
                      type="color"
                      aria-label={`${label} picker`}
                      value={toHex(values[name])}
                      onChange={(e) => form.setValue(name, e.target.value.toUpperCase(), { shouldValidate: true, shouldDirty: true })}
                    />
                  </span>
                )}
              </Field>
            ))}
          </fieldset>
          <fieldset>
            <legend>Images</legend>
            {(['logo', 'strip'] as const).map((name) => (
              <Field key={name} label={name === 'logo' ? 'Logo image' : 'Strip image'} error={errors[name]?.message}>
                {(c) => (
                  <select {...c} {...form.register(name)}>
                    <option value="">Built-in</option>
                    {imageChoices.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ))}
            <div className="field">
              <label htmlFor="upload-image">Upload a PNG</label>
              <input id="upload-image" type="file" accept="image/png" onChange={(e) => e.target.files?.[0] && upload.mutate(e.target.files[0])} />
              {upload.isSuccess && <p role="status">Uploaded {upload.data.filename}.</p>}
              <QueryError error={upload.error} />
            </div>
          </fieldset>
          {FIELD_GROUPS.map(([group, title, count]) => (
            <fieldset key={group}>
              <legend>{title} fields</legend>
              {Array.from({ length: Math.max(count, values[group]?.length ?? 0) }, (_, i) => (
                <div className="field-row" key={i}>
                  {(['key', 'label', 'value'] as const).map((part) => (
                    <Field key={part} label={`${title} field ${i + 1} ${part}`} error={errors[group]?.[i]?.[part]?.message}>
                      {(c) => <input {...c} {...form.register(`${group}.${i}.${part}`)} />}
                    </Field>
                  ))}
                </div>
              ))}
            </fieldset>
          ))}
          <fieldset>
            <legend>Barcode</legend>
            <Field label="Barcode format" error={errors.barcode_format?.message}>
              {(c) => (
                <select {...c} {...form.register('barcode_format')}>
                  <option value="">None</option>
                  <option value="PKBarcodeFormatQR">QR</option>
                  <option value="PKBarcodeFormatPDF417">PDF417</option>
                  <option value="PKBarcodeFormatAztec">Aztec</option>
                  <option value="PKBarcodeFormatCode128">Code 128</option>
                </select>
              )}
            </Field>
            <Field label="Barcode message" error={errors.barcode_message?.message} hint="Default: {member_id}">
              {(c) => <input {...c} {...form.register('barcode_message')} />}
            </Field>
          </fieldset>
          <div className="actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              {creating ? 'Create style' : 'Save style'}
            </button>
            {!creating && (
              <button type="button" className="danger" onClick={() => remove.mutate()}>
                Delete style
              </button>
            )}
          </div>
          {save.isSuccess && <p role="status">Saved.</p>}
          {warnings.length > 0 && (
            <ul className="warnings">
              {warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </form>
        <div className="preview-column">
          <h2>Live preview</h2>
          <PassPreview model={model} />
        </div>
      </div>
    </>
  );
}
