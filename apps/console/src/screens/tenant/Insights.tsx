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

interface Series {
  key: string;
  name: string;
  color: string;
  /** Bars with one stack id pile up. */
  stack?: string;
}

/** One chart of daily rows: the same axes, grid, tooltip and legend for every series kind. */
function SeriesChart({ title, type, rows, series }: { title: string; type: 'bar' | 'line'; rows: object[]; series: Series[] }) {
  // Recharts reads its own components among a chart's direct children, so they are listed here, not wrapped.
  const decorations = [
    <CartesianGrid key="grid" strokeDasharray="3 3" />,
    <XAxis key="x" dataKey="day" />,
    <YAxis key="y" allowDecimals={false} />,
    <Tooltip key="tooltip" />,
    <Legend key="legend" />,
  ];
  return (
    <Chart title={title}>
      {type === 'bar' ? (
        <BarChart data={rows}>
          {decorations}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId={s.stack} fill={s.color} />
          ))}
        </BarChart>
      ) : (
        <LineChart data={rows}>
          {decorations}
          {series.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} />
          ))}
        </LineChart>
      )}
    </Chart>
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
          <SeriesChart title="Passes created by wallet" type="bar" rows={rows} series={[
            { key: 'apple', name: 'Apple', color: PALETTE[0], stack: 'w' },
            { key: 'google', name: 'Google', color: PALETTE[1], stack: 'w' },
          ]} />
          <SeriesChart title="Installs by channel" type="bar" rows={rows} series={CHANNELS.map((c, i) => ({ key: `via_${c}`, name: c, color: PALETTE[i], stack: 'c' }))} />
          <SeriesChart title="SMS sent and delivered" type="line" rows={rows} series={[
            { key: 'sms_sent', name: 'Sent', color: PALETTE[0] },
            { key: 'sms_delivered', name: 'Delivered', color: PALETTE[2] },
          ]} />
          <SeriesChart title="Link clicks and updates pushed" type="line" rows={rows} series={[
            { key: 'clicks', name: 'Link clicks', color: PALETTE[1] },
            { key: 'updates', name: 'Updates pushed', color: PALETTE[3] },
          ]} />
        </div>
      )}
    </>
  );
}
