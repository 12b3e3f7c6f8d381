import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { tenantApi, unwrap, unwrapPage } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { applyApiError, useCursorStack, usePageTitle } from '../../components/forms';
import { ErrorList, Field, Loading, Pager, QueryError, formatDate } from '../../components/ui';
import { pointsErrors } from '../../lib/validation';

interface PointsForm {
  points: number;
  operation: 'add' | 'subtract' | 'set';
  description: string;
  transaction_reference: string;
}

export function MemberDetail() {
  const { tenantId = '', memberId = '' } = useParams();
  usePageTitle(`Member ${memberId}`);
  const api = tenantApi(tenantId);
  const queryClient = useQueryClient();
  const pages = useCursorStack();
  const member = useQuery({ queryKey: ['member', tenantId, memberId], queryFn: () => unwrap(api.GET('/v1/members/{member_id}', { params: { path: { member_id: memberId } } })) });
  const ledger = useQuery({
    queryKey: ['ledger', tenantId, memberId, pages.cursor],
    queryFn: () => unwrapPage(api.GET('/v1/members/{member_id}/transactions', { params: { path: { member_id: memberId }, query: { limit: 20, cursor: pages.cursor } } })),
  });
  const styles = useQuery({ queryKey: ['styles', tenantId], queryFn: () => unwrapPage(api.GET('/v1/pass-styles', { params: { query: { limit: 100 } } })) });
  const own = useQuery({ queryKey: ['own-tenant', tenantId], queryFn: () => unwrap(api.GET('/v1/tenant')) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['member', tenantId, memberId] });
    void queryClient.invalidateQueries({ queryKey: ['ledger', tenantId, memberId] });
  };
  const [passType, setPassType] = useState<'apple' | 'google'>('apple');
  const [styleId, setStyleId] = useState('');
  const createPass = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/v1/passes/create-from-member', {
          body: { member_id: memberId, pass_type: passType, company_name: own.data?.company_name ?? 'Company', ...(styleId ? { pass_style_id: styleId } : {}) },
        }),
      ),
    onSuccess: refresh,
  });
  const m = member.data;
  return (
    <>
      <p>
        <Link to={`/t/${tenantId}/members`}>← Members</Link>
      </p>
      <h1>Member {memberId}</h1>
      <QueryError error={member.error} />
      {member.isLoading && <Loading what="the member" />}
      {m && (
        <dl className="facts">
          <dt>Name</dt>
          <dd>{m.member_name ?? '—'}</dd>
          <dt>E-mail</dt>
          <dd>{m.member_email ?? '—'}</dd>
          <dt>Phone</dt>
          <dd>{m.phone_number ?? '—'}</dd>
          <dt>Points</dt>
          <dd data-testid="member-points">{m.points}</dd>
          <dt>Tier</dt>
          <dd data-testid="member-tier">{m.tier}</dd>
        </dl>
      )}
      <AdjustPoints tenantId={tenantId} memberId={memberId} onDone={refresh} />
      <section aria-labelledby="ledger">
        <h2 id="ledger">Ledger</h2>
        <QueryError error={ledger.error} />
        <DataTable
          caption="Point changes, newest first"
          data={ledger.data?.rows ?? []}
          columns={[
            { header: 'When', cell: (t) => formatDate(t.created_at) },
            { header: 'Change', cell: (t) => `${t.delta > 0 ? '+' : ''}${t.delta}` },
            { header: 'Balance', cell: (t) => t.balance_after },
            { header: 'Operation', cell: (t) => t.operation },
            { header: 'Description', cell: (t) => t.description ?? '—' },
            { header: 'Reference', cell: (t) => <code>{t.transaction_reference}</code> },
          ]}
        />
        <Pager hasPrevious={pages.hasPrevious} hasNext={Boolean(ledger.data?.next)} onPrevious={pages.previous} onNext={() => pages.next(ledger.data?.next ?? null)} />
      </section>
      <section aria-labelledby="passes">
        <h2 id="passes">Passes</h2>
        <DataTable
          caption="Passes of this member"
          data={m?.passes ?? []}
          columns={[
            { header: 'Pass', cell: (p) => <Link to={`/t/${tenantId}/passes/${p.pass_id}`}>{p.pass_id.slice(0, 8)}</Link> },
            { header: 'Wallet', cell: (p) => p.pass_type },
            { header: 'Status', cell: (p) => p.status },
            { header: 'Created', cell: (p) => formatDate(p.created_at) },
          ]}
        />
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            createPass.mutate();
          }}
        >
          <div className="field">
            <label htmlFor="pass-type">Wallet</label>
            <select id="pass-type" value={passType} onChange={(e) => setPassType(e.target.value as 'apple' | 'google')}>
              <option value="apple">Apple</option>
              <option value="google">Google</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="pass-style">Style</label>
            <select id="pass-style" value={styleId} onChange={(e) => setStyleId(e.target.value)}>
              <option value="">Tenant default</option>
              {(styles.data?.rows ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={createPass.isPending}>
            Create pass
          </button>
        </form>
        <QueryError error={createPass.error} />
        {createPass.data && (
          <p role="status">
            Created <Link to={`/t/${tenantId}/passes/${createPass.data.pass_id}`}>pass {createPass.data.pass_id.slice(0, 8)}</Link>.
          </p>
        )}
      </section>
    </>
  );
}

function AdjustPoints({ tenantId, memberId, onDone }: { tenantId: string; memberId: string; onDone: () => void }) {
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<PointsForm>({ defaultValues: { points: 0, operation: 'add', description: '', transaction_reference: '' } });
  const adjust = useMutation({
    mutationFn: (v: PointsForm) =>
      unwrap(
        tenantApi(tenantId).PUT('/v1/members/{member_id}/points', {
          params: { path: { member_id: memberId } },
          body: { points: v.points, operation: v.operation, ...(v.description ? { description: v.description } : {}), ...(v.transaction_reference ? { transaction_reference: v.transaction_reference } : {}) },
        }),
      ),
    onSuccess: (result) => {
      form.reset();
      onDone();
      setMessages(result.was_duplicate ? ['That reference was used before: nothing changed.'] : []);
    },
    onError: (error) => setMessages(applyApiError(error, form.setError, ['points', 'operation', 'description', 'transaction_reference'])),
  });
  const { errors } = form.formState;
  return (
    <section aria-labelledby="adjust">
      <h2 id="adjust">Adjust points</h2>
      <form
        noValidate
        className="grid-form"
        onSubmit={form.handleSubmit((v) => {
          setMessages([]);
          const problems = pointsErrors(v);
          for (const [f, message] of Object.entries(problems)) form.setError(f as keyof PointsForm, { type: 'client', message });
          if (!Object.keys(problems).length) adjust.mutate(v);
        })}
      >
        <ErrorList messages={messages} />
        <Field label="Operation" error={errors.operation?.message}>
          {(c) => (
            <select {...c} {...form.register('operation')}>
              <option value="add">Add</option>
              <option value="subtract">Subtract</option>
              <option value="set">Set to</option>
            </select>
          )}
        </Field>
        <Field label="Points" error={errors.points?.message}>
          {(c) => <input {...c} type="number" min={0} {...form.register('points', { valueAsNumber: true })} />}
        </Field>
        <Field label="Description" error={errors.description?.message}>
          {(c) => <input {...c} {...form.register('description')} />}
        </Field>
        <Field label="Reference (optional)" error={errors.transaction_reference?.message} hint="Makes a repeat harmless">
          {(c) => <input {...c} {...form.register('transaction_reference')} />}
        </Field>
        <button type="submit" className="primary" disabled={adjust.isPending}>
          Apply points
        </button>
      </form>
    </section>
  );
}
