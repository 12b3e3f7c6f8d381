import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { adminApi, unwrap, unwrapPage } from '../api/client';
import { DataTable } from '../components/DataTable';
import { usePageTitle } from '../components/forms';
import { Loading, QueryError, SecretOnce, formatDate } from '../components/ui';

export function TenantKeys() {
  const { tenantId = '' } = useParams();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const tenant = useQuery({ queryKey: ['tenant', tenantId], queryFn: () => unwrap(adminApi.GET('/v1/tenants/{id}', { params: { path: { id: tenantId } } })) });
  usePageTitle(`API keys of ${tenant.data?.company_name ?? 'tenant'}`);
  const keys = useQuery({
    queryKey: ['api-keys', tenantId],
    queryFn: () => unwrapPage(adminApi.GET('/v1/tenants/{id}/api-keys', { params: { path: { id: tenantId } } })),
  });
  const issue = useMutation({
    mutationFn: () => unwrap(adminApi.POST('/v1/tenants/{id}/api-keys', { params: { path: { id: tenantId } }, body: name ? { name } : {} })),
    onSuccess: () => (setName(''), queryClient.invalidateQueries({ queryKey: ['api-keys', tenantId] })),
  });
  const revoke = useMutation({
    mutationFn: (keyId: string) => unwrap(adminApi.DELETE('/v1/tenants/{id}/api-keys/{keyId}', { params: { path: { id: tenantId, keyId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys', tenantId] }),
  });
  return (
    <>
      <p>
        <Link to="/tenants">← Tenants</Link>
      </p>
      <h1>API keys of {tenant.data?.company_name ?? '…'}</h1>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          issue.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="key-name">Key name (optional)</label>
          <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="primary" disabled={issue.isPending}>
          Issue API key
        </button>
      </form>
      <QueryError error={issue.error ?? revoke.error ?? keys.error} />
      {issue.data && <SecretOnce label="API key" value={issue.data.api_key} />}
      {keys.isLoading ? (
        <Loading what="keys" />
      ) : (
        <DataTable
          caption="API keys"
          data={keys.data?.rows ?? []}
          columns={[
            { header: 'Prefix', cell: (k) => <code>{k.prefix}…</code> },
            { header: 'Name', cell: (k) => k.name ?? '—' },
            { header: 'Created', cell: (k) => formatDate(k.created_at) },
            { header: 'Last used', cell: (k) => formatDate(k.last_used_at) },
            {
              header: 'Status',
              cell: (k) =>
                k.revoked_at ? (
                  `revoked ${formatDate(k.revoked_at)}`
                ) : (
                  <button type="button" onClick={() => revoke.mutate(k.id)}>
                    Revoke<span className="sr-only"> key {k.prefix}</span>
                  </button>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
