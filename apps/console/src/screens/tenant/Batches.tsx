import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router-dom';
import { tenantApi, unwrap } from '../../api/client';
import { applyApiError, usePageTitle } from '../../components/forms';
import { ErrorList, Field, QueryError, formatDate } from '../../components/ui';

// The API has no list of batches; the console remembers the ones it started, per tenant.
const storageKey = (tenantId: string) => `wp-console-batches-${tenantId}`;
function remembered(tenantId: string): string[] {
  try {
    return JSON.parse(localStorage.getItem(storageKey(tenantId)) ?? '[]') as string[];
  } catch {
    return [];
  }
}

interface BatchForm {
  kind: 'create_pass' | 'void_pass';
  ids: string;
  pass_type: 'apple' | 'google';
  company_name: string;
}

export function Batches() {
  usePageTitle('Batches');
  const { tenantId = '' } = useParams();
  const [batchIds, setBatchIds] = useState(() => remembered(tenantId));
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<BatchForm>({ defaultValues: { kind: 'create_pass', ids: '', pass_type: 'apple', company_name: '' } });
  const kind = form.watch('kind');
  const submit = useMutation({
    mutationFn: (v: BatchForm) => {
      const ids = v.ids.split(/[\s,]+/).filter(Boolean);
      const operations =
        v.kind === 'create_pass'
          ? ids.map((member_id) => ({ op: 'create_pass' as const, member_id, pass_type: v.pass_type, company_name: v.company_name }))
          : ids.map((pass_id) => ({ op: 'void_pass' as const, pass_id }));
      return unwrap(tenantApi(tenantId).POST('/v1/batch', { body: { operations } }));
    },
    onSuccess: (batch) => {
      const next = [batch.batch_id, ...batchIds].slice(0, 20);
      localStorage.setItem(storageKey(tenantId), JSON.stringify(next));
      setBatchIds(next);
      form.reset({ ...form.getValues(), ids: '' });
    },
    onError: (error) => setMessages(applyApiError(error, form.setError, ['operations'], { operations: 'ids' })),
  });
  const { errors } = form.formState;
  return (
    <>
      <h1>Batches</h1>
      <form noValidate className="grid-form" onSubmit={form.handleSubmit((v) => (setMessages([]), submit.mutate(v)))}>
        <h2>Start a batch</h2>
        <ErrorList messages={messages} />
        <Field label="Operation">
          {(c) => (
            <select {...c} {...form.register('kind')}>
              <option value="create_pass">Create a pass for each member</option>
              <option value="void_pass">Void each pass</option>
            </select>
          )}
        </Field>
        <Field label={kind === 'create_pass' ? 'Member ids (one per line)' : 'Pass ids (one per line)'} error={errors.ids?.message}>
          {(c) => <textarea {...c} rows={4} {...form.register('ids', { required: 'list at least one id' })} />}
        </Field>
        {kind === 'create_pass' && (
          <>
            <Field label="Wallet">
              {(c) => (
                <select {...c} {...form.register('pass_type')}>
                  <option value="apple">Apple</option>
                  <option value="google">Google</option>
                </select>
              )}
            </Field>
            <Field label="Company name on the passes" error={errors.company_name?.message}>
              {(c) => <input {...c} {...form.register('company_name', { required: 'must not be empty' })} />}
            </Field>
          </>
        )}
        <button type="submit" className="primary" disabled={submit.isPending}>
          Start batch
        </button>
      </form>
      <section aria-labelledby="batches">
        <h2 id="batches">Recent batches</h2>
        {batchIds.length === 0 && <p>No batches started from this browser yet.</p>}
        {batchIds.map((id) => (
          <BatchProgress key={id} tenantId={tenantId} batchId={id} />
        ))}
      </section>
    </>
  );
}

function BatchProgress({ tenantId, batchId }: { tenantId: string; batchId: string }) {
  const batch = useQuery({
    queryKey: ['batch', tenantId, batchId],
    queryFn: () => unwrap(tenantApi(tenantId).GET('/v1/batch/{batch_id}', { params: { path: { batch_id: batchId } } })),
    refetchInterval: (query) => (query.state.data?.state === 'completed' ? false : 1000),
  });
  const b = batch.data;
  const done = b ? b.succeeded + b.failed : 0;
  return (
    <article className="batch" aria-label={`Batch ${batchId.slice(0, 8)}`} data-testid="batch">
      <h3>
        Batch {batchId.slice(0, 8)} <span className="muted">{b ? `${b.state}, started ${formatDate(b.created_at)}` : ''}</span>
      </h3>
      <QueryError error={batch.error} />
      {b && (
        <>
          <progress max={b.total} value={done} aria-label={`Batch ${batchId.slice(0, 8)} progress`} />
          <p data-testid="batch-counts">
            {done} of {b.total} done: {b.succeeded} succeeded, {b.failed} failed{b.state === 'completed' ? ' — completed' : ''}
          </p>
          {b.errors.length > 0 && (
            <table>
              <caption>Errors of batch {batchId.slice(0, 8)}</caption>
              <thead>
                <tr>
                  <th scope="col">Operation</th>
                  <th scope="col">Code</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {b.errors.map((e) => (
                  <tr key={e.index}>
                    <td>
                      #{e.index + 1} {e.op}
                    </td>
                    <td>{e.code}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </article>
  );
}
