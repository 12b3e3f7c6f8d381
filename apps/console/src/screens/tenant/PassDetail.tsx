import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { tenantApi, unwrap } from '../../api/client';
import { applyApiError, usePageTitle } from '../../components/forms';
import { ErrorList, Field, Loading, QueryError, formatDate } from '../../components/ui';
import { ApiError, type ErrorEnvelope } from '../../lib/api-errors';
import { phoneError } from '../../lib/validation';

export function PassDetail() {
  const { tenantId = '', passId = '' } = useParams();
  usePageTitle('Pass');
  const api = tenantApi(tenantId);
  const queryClient = useQueryClient();
  const pass = useQuery({ queryKey: ['pass', tenantId, passId], queryFn: () => unwrap(api.GET('/v1/passes/{pass_id}', { params: { path: { pass_id: passId } } })) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['pass', tenantId, passId] });
  const voidPass = useMutation({ mutationFn: () => unwrap(api.POST('/v1/passes/{pass_id}/void', { params: { path: { pass_id: passId } } })), onSuccess: refresh });
  // The download needs the credentials, so it is fetched and handed to the browser as a file.
  const download = useMutation({
    mutationFn: async () => {
      const { data, error, response } = await api.GET('/v1/passes/{pass_id}/download', { params: { path: { pass_id: passId } }, parseAs: 'blob' });
      if (!response.ok || !data) throw new ApiError(response.status, (error ?? {}) as ErrorEnvelope);
      return data as Blob;
    },
    onSuccess: (blob) => {
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${pass.data?.serial_number ?? passId}.pkpass`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  const p = pass.data;
  return (
    <>
      <p>
        <Link to={`/t/${tenantId}/passes`}>← Passes</Link>
      </p>
      <h1>Pass {p?.serial_number ?? ''}</h1>
      <QueryError error={pass.error} />
      {pass.isLoading && <Loading what="the pass" />}
      {p && (
        <>
          <dl className="facts">
            <dt>Status</dt>
            <dd data-testid="pass-status">{p.status}</dd>
            <dt>Wallet</dt>
            <dd>{p.pass_type}</dd>
            <dt>Member</dt>
            <dd>{p.member_id ? <Link to={`/t/${tenantId}/members/${encodeURIComponent(p.member_id)}`}>{p.member_id}</Link> : '—'}</dd>
            <dt>Points and tier</dt>
            <dd>
              {p.points} · {p.tier}
            </dd>
            <dt>Version</dt>
            <dd>{p.version}</dd>
            <dt>Signing</dt>
            <dd>{p.signing}</dd>
            <dt>Created</dt>
            <dd>{formatDate(p.created_at)}</dd>
            <dt>Add to Wallet page</dt>
            <dd>
              <a href={p.pass_url}>{p.pass_url}</a>
            </dd>
          </dl>
          <div className="actions">
            {p.pass_type === 'apple' ? (
              <button type="button" onClick={() => download.mutate()}>
                Download .pkpass
              </button>
            ) : (
              <a className="button" href={p.download_url}>
                Open Google save link
              </a>
            )}
            <button type="button" className="danger" disabled={p.status === 'voided' || voidPass.isPending} onClick={() => voidPass.mutate()}>
              Void pass
            </button>
          </div>
          <QueryError error={voidPass.error ?? download.error} />
          <SendMessage tenantId={tenantId} passId={passId} />
          <SendSms tenantId={tenantId} passId={passId} />
        </>
      )}
    </>
  );
}

function SendMessage({ tenantId, passId }: { tenantId: string; passId: string }) {
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<{ message: string }>({ defaultValues: { message: '' } });
  const send = useMutation({
    mutationFn: (v: { message: string }) => unwrap(tenantApi(tenantId).POST('/v1/notifications', { body: { pass_id: passId, message: v.message } })),
    onSuccess: () => form.reset(),
    onError: (error) => setMessages(applyApiError(error, form.setError, ['message'])),
  });
  return (
    <section aria-labelledby="message">
      <h2 id="message">Send a message to the pass</h2>
      <form noValidate className="grid-form" onSubmit={form.handleSubmit((v) => (setMessages([]), send.mutate(v)))}>
        <ErrorList messages={messages} />
        <Field label="Message" error={form.formState.errors.message?.message}>
          {(c) => <textarea {...c} rows={2} {...form.register('message', { required: 'must not be empty' })} />}
        </Field>
        <button type="submit" className="primary" disabled={send.isPending}>
          Send message
        </button>
      </form>
      {send.data && <p role="status">Sent to {send.data.targets.filter((t) => t.status === 'delivered').length} of {send.data.targets.length} wallet(s).</p>}
    </section>
  );
}

function SendSms({ tenantId, passId }: { tenantId: string; passId: string }) {
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<{ phone_number: string }>({ defaultValues: { phone_number: '' } });
  const send = useMutation({
    mutationFn: ({ phone_number, dryRun }: { phone_number: string; dryRun: boolean }) =>
      unwrap(tenantApi(tenantId).POST('/v1/distribution/send-pass-sms', { params: { query: dryRun ? { dry_run: '1' } : {} }, body: { pass_id: passId, phone_number } })),
    onError: (error) => setMessages(applyApiError(error, form.setError, ['phone_number'])),
  });
  const submit = (dryRun: boolean) => form.handleSubmit((v) => (setMessages([]), send.mutate({ ...v, dryRun })));
  return (
    <section aria-labelledby="sms">
      <h2 id="sms">Send by SMS</h2>
      <form noValidate className="grid-form" onSubmit={submit(false)}>
        <ErrorList messages={messages} />
        <Field label="Phone number (E.164)" error={form.formState.errors.phone_number?.message}>
          {(c) => <input {...c} type="tel" {...form.register('phone_number', { validate: (v) => phoneError(v) })} />}
        </Field>
        <div className="actions">
          <button type="button" onClick={submit(true)}>
            Preview SMS (dry run)
          </button>
          <button type="submit" className="primary">
            Send SMS
          </button>
        </div>
      </form>
      {send.data && (
        <div role="status" className="sms-preview">
          <p>
            {send.data.dry_run ? 'Dry run — not sent. The exact text:' : `Status: ${send.data.status}. Text sent:`}
          </p>
          <blockquote data-testid="sms-body">{send.data.body}</blockquote>
        </div>
      )}
    </section>
  );
}
