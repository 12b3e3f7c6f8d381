import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router-dom';
import { tenantApi, unwrap } from '../../api/client';
import { applyApiError, usePageTitle } from '../../components/forms';
import { ErrorList, Field, Loading, QueryError, formatDate } from '../../components/ui';

interface AppleForm {
  pass_type_identifier: string;
  team_identifier: string;
  file: FileList | null;
  private_key: FileList | null;
  passphrase: string;
}

/** A .p12 goes as base64; a PEM file as text (with its key in it or beside it). */
async function readCredentialFile(file: File): Promise<{ p12_base64: string } | { certificate_pem: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  if (text.includes('-----BEGIN')) return { certificate_pem: text };
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { p12_base64: btoa(binary) };
}

export function Credentials() {
  usePageTitle('Wallet credentials');
  const { tenantId = '' } = useParams();
  const api = tenantApi(tenantId);
  const queryClient = useQueryClient();
  const tenant = useQuery({ queryKey: ['own-tenant', tenantId], queryFn: () => unwrap(api.GET('/v1/tenant')) });
  const apple = tenant.data?.wallets.apple;
  const google = tenant.data?.wallets.google;
  return (
    <>
      <h1>Wallet credentials</h1>
      <QueryError error={tenant.error} />
      {tenant.isLoading && <Loading what="credentials" />}
      <section aria-labelledby="apple-heading">
        <h2 id="apple-heading">Apple Wallet</h2>
        {apple?.configured ? (
          <dl className="facts" data-testid="apple-credentials">
            <dt>Subject</dt>
            <dd>{apple.subject}</dd>
            <dt>Pass type id</dt>
            <dd>{apple.pass_type_identifier}</dd>
            <dt>Team id</dt>
            <dd>{apple.team_identifier}</dd>
            <dt>Expires</dt>
            <dd>{formatDate(apple.not_after ?? apple.expires_at)}</dd>
          </dl>
        ) : (
          <p>Not configured: Apple passes cannot be made yet.</p>
        )}
        <AppleUpload tenantId={tenantId} onSaved={() => queryClient.invalidateQueries({ queryKey: ['own-tenant', tenantId] })} />
      </section>
      <section aria-labelledby="google-heading">
        <h2 id="google-heading">Google Wallet</h2>
        {google?.configured ? (
          <dl className="facts">
            <dt>Issuer id</dt>
            <dd>{google.issuer_id}</dd>
            <dt>Service account</dt>
            <dd>{google.client_email}</dd>
          </dl>
        ) : (
          <p>Not configured.</p>
        )}
        <GoogleUpload tenantId={tenantId} onSaved={() => queryClient.invalidateQueries({ queryKey: ['own-tenant', tenantId] })} />
      </section>
    </>
  );
}

function AppleUpload({ tenantId, onSaved }: { tenantId: string; onSaved: () => void }) {
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<AppleForm>({ defaultValues: { pass_type_identifier: '', team_identifier: '', file: null, private_key: null, passphrase: '' } });
  const save = useMutation({
    mutationFn: async (values: AppleForm) => {
      const file = values.file?.[0];
      if (!file) throw new Error('Choose a .p12 or PEM certificate file.');
      const credential = await readCredentialFile(file);
      const key = values.private_key?.[0] ? await values.private_key[0].text() : undefined;
      return unwrap(
        tenantApi(tenantId).PUT('/v1/tenant/apple', {
          body: {
            pass_type_identifier: values.pass_type_identifier,
            team_identifier: values.team_identifier,
            ...credential,
            ...(key ? { private_key_pem: key } : {}),
            ...(values.passphrase ? { passphrase: values.passphrase } : {}),
          },
        }),
      );
    },
    onSuccess: () => (form.reset(), onSaved()),
    onError: (error) =>
      setMessages(applyApiError(error, form.setError, ['pass_type_identifier', 'team_identifier', 'passphrase'], { p12_base64: 'file', certificate_pem: 'file', private_key_pem: 'private_key' })),
  });
  const { errors } = form.formState;
  return (
    <form noValidate className="grid-form" onSubmit={form.handleSubmit((v) => (setMessages([]), save.mutate(v)))}>
      <h3>Upload an Apple pass certificate</h3>
      <ErrorList messages={messages} />
      <Field label="Pass type identifier" error={errors.pass_type_identifier?.message} hint="e.g. pass.com.example.loyalty">
        {(c) => <input {...c} {...form.register('pass_type_identifier', { required: 'must not be empty' })} />}
      </Field>
      <Field label="Team identifier" error={errors.team_identifier?.message}>
        {(c) => <input {...c} {...form.register('team_identifier', { required: 'must not be empty' })} />}
      </Field>
      <Field label="Certificate (.p12 or PEM)" error={errors.file?.message}>
        {(c) => <input {...c} type="file" accept=".p12,.pfx,.pem,.crt,application/x-pkcs12" {...form.register('file')} />}
      </Field>
      <Field label="Private key PEM (if not inside the file)" error={errors.private_key?.message}>
        {(c) => <input {...c} type="file" accept=".pem,.key" {...form.register('private_key')} />}
      </Field>
      <Field label="Passphrase" error={errors.passphrase?.message}>
        {(c) => <input {...c} type="password" autoComplete="off" {...form.register('passphrase')} />}
      </Field>
      <button type="submit" className="primary" disabled={save.isPending}>
        Save Apple credentials
      </button>
      {save.isSuccess && <p role="status">Apple credentials saved.</p>}
    </form>
  );
}

function GoogleUpload({ tenantId, onSaved }: { tenantId: string; onSaved: () => void }) {
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<{ issuer_id: string; file: FileList | null }>({ defaultValues: { issuer_id: '', file: null } });
  const save = useMutation({
    mutationFn: async (values: { issuer_id: string; file: FileList | null }) => {
      const file = values.file?.[0];
      if (!file) throw new Error('Choose the service account JSON key file.');
      return unwrap(tenantApi(tenantId).PUT('/v1/tenant/google', { body: { issuer_id: values.issuer_id, service_account_json: await file.text() } }));
    },
    onSuccess: () => (form.reset(), onSaved()),
    onError: (error) => setMessages(applyApiError(error, form.setError, ['issuer_id'], { service_account_json: 'file' })),
  });
  const { errors } = form.formState;
  return (
    <form noValidate className="grid-form" onSubmit={form.handleSubmit((v) => (setMessages([]), save.mutate(v)))}>
      <h3>Upload a Google service account</h3>
      <ErrorList messages={messages} />
      <Field label="Issuer id" error={errors.issuer_id?.message}>
        {(c) => <input {...c} {...form.register('issuer_id', { required: 'must not be empty' })} />}
      </Field>
      <Field label="Service account key (JSON)" error={errors.file?.message}>
        {(c) => <input {...c} type="file" accept=".json,application/json" {...form.register('file')} />}
      </Field>
      <button type="submit" className="primary" disabled={save.isPending}>
        Save Google credentials
      </button>
      {save.isSuccess && <p role="status">Google credentials saved.</p>}
    </form>
  );
}
