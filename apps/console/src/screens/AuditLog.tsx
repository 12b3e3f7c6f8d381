import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { adminApi, unwrapPage } from '../api/client';
import { DataTable } from '../components/DataTable';
import { useCursorStack, usePageTitle } from '../components/forms';
import { Loading, Pager, QueryError, formatDate } from '../components/ui';

export function AuditLog() {
  usePageTitle('Audit log');
  const pages = useCursorStack();
  const [tenantId, setTenantId] = useState('');
  const log = useQuery({
    queryKey: ['audit-log', tenantId, pages.cursor],
    queryFn: () => unwrapPage(adminApi.GET('/v1/audit-log', { params: { query: { limit: 50, cursor: pages.cursor, ...(tenantId ? { tenant_id: tenantId } : {}) } } })),
  });
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">Every change an operator made while acting on a tenant, including this console's.</p>
      <div className="field inline">
        <label htmlFor="audit-tenant">Tenant id</label>
        <input id="audit-tenant" value={tenantId} onChange={(e) => (setTenantId(e.target.value.trim()), pages.reset())} placeholder="All tenants" />
      </div>
      <QueryError error={log.error} />
      {log.isLoading ? (
        <Loading what="the audit log" />
      ) : (
        <DataTable
          caption="Operator changes, newest first"
          data={log.data?.rows ?? []}
          columns={[
            { header: 'When', cell: (e) => formatDate(e.created_at) },
            { header: 'Actor', cell: (e) => `${e.actor.type === 'admin' ? 'Admin' : 'Bearer token'} ${e.actor.name ?? e.actor.id}` },
            { header: 'Tenant', cell: (e) => <code>{e.tenant_id}</code> },
            { header: 'Request', cell: (e) => <code>{`${e.method} ${e.path}`}</code> },
            { header: 'Status', cell: (e) => e.status ?? 'unknown' },
            { header: 'Request id', cell: (e) => <code>{e.request_id}</code> },
          ]}
        />
      )}
      <Pager hasPrevious={pages.hasPrevious} hasNext={Boolean(log.data?.next)} onPrevious={pages.previous} onNext={() => pages.next(log.data?.next ?? null)} />
    </>
  );
}
