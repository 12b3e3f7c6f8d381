import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tenantApi, unwrap, unwrapPage } from '../../api/client';
import { usePageTitle } from '../../components/forms';
import { Loading, QueryError } from '../../components/ui';
import { chartRows, lastDays } from '../../lib/insights';
import { useMetrics } from './Insights';

export function Overview() {
  const { tenantId = '' } = useParams();
  const api = tenantApi(tenantId);
  const tenant = useQuery({ queryKey: ['own-tenant', tenantId], queryFn: () => unwrap(api.GET('/v1/tenant')) });
  usePageTitle(tenant.data ? `${tenant.data.company_name} overview` : 'Tenant overview');
  const week = lastDays(7);
  const metrics = useMetrics(tenantId, week.from, week.to);
  // The API has no counts endpoint; the first pages say "n" or "more than n".
  const members = useQuery({ queryKey: ['members-count', tenantId], queryFn: () => unwrapPage(api.GET('/v1/members', { params: { query: { limit: 100 } } })) });
  const passes = useQuery({ queryKey: ['passes-count', tenantId], queryFn: () => unwrapPage(api.GET('/v1/passes', { params: { query: { limit: 100 } } })) });
  const count = (page?: { rows: unknown[]; next: string | null }) => (page ? `${page.rows.length}${page.next ? '+' : ''}` : '…');
  const totals = metrics.data?.totals;
  return (
    <>
      <h1>{tenant.data?.company_name ?? 'Tenant'} overview</h1>
      <QueryError error={tenant.error ?? metrics.error} />
      {tenant.isLoading && <Loading what="the tenant" />}
      <dl className="totals">
        <div><dt>Members</dt><dd><Link to={`/t/${tenantId}/members`}>{count(members.data)}</Link></dd></div>
        <div><dt>Passes</dt><dd><Link to={`/t/${tenantId}/passes`}>{count(passes.data)}</Link></dd></div>
        <div><dt>Passes created, 7 days</dt><dd>{totals ? totals.passes_created_apple + totals.passes_created_google : '…'}</dd></div>
        <div><dt>Installs, 7 days</dt><dd>{totals?.installs ?? '…'}</dd></div>
        <div><dt>SMS sent, 7 days</dt><dd>{totals?.sms_sent ?? '…'}</dd></div>
        <div><dt>Status</dt><dd>{tenant.data?.status ?? '…'}</dd></div>
      </dl>
      {metrics.data && (
        <figure className="chart" aria-label="Last 7 days">
          <figcaption>Last 7 days: passes created and installs</figcaption>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={chartRows(metrics.data.series)}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar dataKey="apple" name="Apple passes" fill="#1f4e8c" />
              <Bar dataKey="google" name="Google passes" fill="#b3541e" />
              <Bar dataKey="installs" name="Installs" fill="#2e7d32" />
            </BarChart>
          </ResponsiveContainer>
        </figure>
      )}
    </>
  );
}
