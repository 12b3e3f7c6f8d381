import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router-dom';
import type { components } from '@wp/sdk/openapi';
import { tenantApi, unwrap, unwrapPage } from '../../api/client';
import { applyApiError, useCursorStack, usePageTitle } from '../../components/forms';
import { ErrorList, Field, Loading, Pager, QueryError, formatDate } from '../../components/ui';

type BatchSummary = components['schemas']['BatchSummaryView'];

interface BatchForm {
  kind: 'create_pass' | 'void_pass';
  ids: string;
  pass_type: 'apple' | 'google';
  company_name: string;
}

export function Batches() {
  usePageTitle('Batches');
  const { tenantId = '' } = useParams();
  const queryClient = useQueryClient();
  const pages = useCursorStack();
  // Every batch of the tenant (GET /v1/batches), from any browser or API client, newest first;
  // polled while one on the page is still running.
  const batches = useQuery({
    queryKey: ['batches', tenantId, pages.cursor],
    queryFn: () => unwrapPage(tenantApi(tenantId).GET('/v1/batches', { params: { query: { limit: 20, cursor: pages.cursor } } })),
    refetchInterval: (query) => (query.state.data?.rows.some((b) => b.state !== 'completed') ? 1000 : false),
  });
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
    onSuccess: () => {
      pages.reset();
      void queryClient.invalidateQueries({ queryKey: ['batches', tenantId] });
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
        <h2 id="batches">Batches</h2>
        <QueryError error={batches.error} />
        {batches.isLoading && <Loading what="batches" />}
        {batches.data?.rows.length === 0 && !pages.hasPrevious && <p>No batches yet.</p>}
        {batches.data?.rows.map((b) => (
          <BatchProgress key={b.batch_id} tenantId={tenantId} batch={b} />
        ))}
        <Pager hasPrevious={pages.hasPrevious} hasNext={Boolean(batches.data?.next)} onPrevious={pages.previous} onNext={() => pages.next(batches.data?.next ?? null)} />
      </section>
    </>
  );
}

/** A batch of the list with its progress bar; its failed operations are read from GET /v1/batch/{id} when there are any. */
function BatchProgress({ tenantId, batch: b }: { tenantId: string; batch: BatchSummary }) {
  const batchId = b.batch_id;
  const detail = useQuery({
    queryKey: ['batch', tenantId, batchId, b.failed],
    queryFn: () => unwrap(tenantApi(tenantId).GET('/v1/batch/{batch_id}', { params: { path: { batch_id: batchId } } })),
    enabled: b.failed > 0,
  });
  const errors = detail.data?.errors ?? [];
  const done = b.succeeded + b.failed;
  return (
    <article className="batch" aria-label={`Batch ${batchId.slice(0, 8)}`} data-testid="batch">
      <h3>
        Batch {batchId.slice(0, 8)} <span className="muted">{`${b.state}, started ${formatDate(b.created_at)}`}</span>
      </h3>
      <QueryError error={detail.error} />
      <progress max={b.total} value={done} aria-label={`Batch ${batchId.slice(0, 8)} progress`} />
      <p data-testid="batch-counts">
        {done} of {b.total} done: {b.succeeded} succeeded, {b.failed} failed{b.state === 'completed' ? ' — completed' : ''}
      </p>
      {errors.length > 0 && (
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
            {errors.map((e) => (
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
    </article>
  );
}
