import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { tenantApi, unwrapPage } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { useCursorStack, usePageTitle } from '../../components/forms';
import { Loading, Pager, QueryError, formatDate } from '../../components/ui';

type Status = 'active' | 'blocked' | 'expired' | 'redeemed' | 'voided';

export function Passes() {
  usePageTitle('Passes');
  const { tenantId = '' } = useParams();
  const pages = useCursorStack();
  const [status, setStatus] = useState<Status | ''>('');
  const [passType, setPassType] = useState<'apple' | 'google' | ''>('');
  const passes = useQuery({
    queryKey: ['passes', tenantId, status, passType, pages.cursor],
    queryFn: () =>
      unwrapPage(
        tenantApi(tenantId).GET('/v1/passes', {
          params: { query: { limit: 50, cursor: pages.cursor, ...(status ? { status } : {}), ...(passType ? { pass_type: passType } : {}) } },
        }),
      ),
  });
  return (
    <>
      <h1>Passes</h1>
      <form className="inline-form" aria-label="Filter passes" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="status-filter">Status</label>
          <select id="status-filter" value={status} onChange={(e) => (setStatus(e.target.value as Status | ''), pages.reset())}>
            <option value="">Any</option>
            {['active', 'blocked', 'expired', 'redeemed', 'voided'].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="type-filter">Wallet</label>
          <select id="type-filter" value={passType} onChange={(e) => (setPassType(e.target.value as 'apple' | 'google' | ''), pages.reset())}>
            <option value="">Any</option>
            <option value="apple">Apple</option>
            <option value="google">Google</option>
          </select>
        </div>
      </form>
      <QueryError error={passes.error} />
      {passes.isLoading ? (
        <Loading what="passes" />
      ) : (
        <DataTable
          caption="Passes"
          data={passes.data?.rows ?? []}
          columns={[
            { header: 'Serial', cell: (p) => <Link to={`/t/${tenantId}/passes/${p.pass_id}`}>{p.serial_number}</Link> },
            { header: 'Member', cell: (p) => p.member_id ?? '—' },
            { header: 'Wallet', cell: (p) => p.pass_type },
            { header: 'Status', cell: (p) => <span className={`badge ${p.status}`}>{p.status}</span> },
            { header: 'Points', cell: (p) => p.points },
            { header: 'Created', cell: (p) => formatDate(p.created_at) },
          ]}
        />
      )}
      <Pager hasPrevious={pages.hasPrevious} hasNext={Boolean(passes.data?.next)} onPrevious={pages.previous} onNext={() => pages.next(passes.data?.next ?? null)} />
    </>
  );
}
