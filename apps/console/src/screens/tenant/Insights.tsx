import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tenantApi, unwrap } from '../../api/client';
import { usePageTitle } from '../../components/forms';
import { Loading, QueryError } from '../../components/ui';
import { chartRows, lastDays } from '../../lib/insights';

const CHANNELS = ['sms', 'page', 'api', 'enrollment', 'email'];
const PALETTE = ['#1f4e8c', '#b3541e', '#2e7d32', '#6a1b9a', '#00695c'];

export function useMetrics(tenantId: string, from: string, to: string) {
  return useQuery({
    queryKey: ['metrics', tenantId, from, to],
    queryFn: () => unwrap(tenantApi(tenantId).GET('/v1/insights/metrics', { params: { query: { from, to, interval: 'day' } } })),
  });
}

function Chart({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        {children}
      </ResponsiveContainer>
    </figure>
  );
}

export function Insights() {
  usePageTitle('Insights');
  const { tenantId = '' } = useParams();
  const [range, setRange] = useState(() => lastDays(30));
  const metrics = useMetrics(tenantId, range.from, range.to);
  const rows = chartRows(metrics.data?.series ?? []);
  const totals = metrics.data?.totals;
  return (
    <>
      <h1>Insights</h1>
      <form className="inline-form" aria-label="Date range" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="to">To (exclusive)</label>
          <input id="to" type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })} />
        </div>
        <button type="button" onClick={() => setRange(lastDays(7))}>
          Last 7 days
        </button>
        <button type="button" onClick={() => setRange(lastDays(30))}>
          Last 30 days
        </button>
      </form>
      <QueryError error={metrics.error} />
      {metrics.isLoading && <Loading what="metrics" />}
      {totals && (
        <dl className="totals" data-testid="insights-totals">
          <div><dt>Apple passes created</dt><dd data-metric="passes_created_apple">{totals.passes_created_apple}</dd></div>
          <div><dt>Google passes created</dt><dd data-metric="passes_created_google">{totals.passes_created_google}</dd></div>
          <div><dt>Installs</dt><dd data-metric="installs">{totals.installs}</dd></div>
          <div><dt>Updates pushed</dt><dd data-metric="updates_pushed">{totals.updates_pushed}</dd></div>
          <div><dt>SMS sent</dt><dd data-metric="sms_sent">{totals.sms_sent}</dd></div>
          <div><dt>SMS delivered</dt><dd data-metric="sms_delivered">{totals.sms_delivered}</dd></div>
          <div><dt>Link clicks</dt><dd data-metric="link_clicks">{totals.link_clicks}</dd></div>
        </dl>
      )}
      {metrics.data && (
        <div className="charts">
          <Chart title="Passes created by wallet">
            <BarChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar dataKey="apple" name="Apple" stackId="w" fill={PALETTE[0]} />
              <Bar dataKey="google" name="Google" stackId="w" fill={PALETTE[1]} />
            </BarChart>
          </Chart>
          <Chart title="Installs by channel">
            <BarChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {CHANNELS.map((c, i) => (
                <Bar key={c} dataKey={`via_${c}`} name={c} stackId="c" fill={PALETTE[i]} />
              ))}
            </BarChart>
          </Chart>
          <Chart title="SMS sent and delivered">
            <LineChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Line dataKey="sms_sent" name="Sent" stroke={PALETTE[0]} />
              <Line dataKey="sms_delivered" name="Delivered" stroke={PALETTE[2]} />
            </LineChart>
          </Chart>
          <Chart title="Link clicks and updates pushed">
            <LineChart data={rows}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Line dataKey="clicks" name="Link clicks" stroke={PALETTE[1]} />
              <Line dataKey="updates" name="Updates pushed" stroke={PALETTE[3]} />
            </LineChart>
          </Chart>
        </div>
      )}
    </>
  );
}
