// The monitoring files in deploy/ read the metrics the fleet really exports: the Grafana
// dashboard satisfies the dashboard JSON model Grafana loads (its required fields and
// panel layout), and every metric named by a panel or an alert is a family of
// libs/observability's registry.
import { createMetrics } from '@wp/observability';
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const dashboard = JSON.parse(readFileSync(path.join(__dirname, 'grafana/walletpass-dashboard.json'), 'utf8'));
const prometheus = parse(readFileSync(path.join(__dirname, 'prometheus/prometheus.yml'), 'utf8'));
const alerts = parse(readFileSync(path.join(__dirname, 'prometheus/alerts.yml'), 'utf8'));

/**
 * The essentials of Grafana's dashboard JSON model (grafana.com/docs "JSON model"; the
 * dashboard kind's schema in grafana/kinds): what the importer requires and how it lays
 * panels out on the 24-column grid.
 */
const target = {
  type: 'object',
  required: ['refId', 'expr'],
  properties: { refId: { type: 'string', pattern: '^[A-Z]$' }, expr: { type: 'string', minLength: 1 }, legendFormat: { type: 'string' } },
};
const gridPos = {
  type: 'object',
  required: ['h', 'w', 'x', 'y'],
  properties: {
    h: { type: 'integer', minimum: 1 },
    w: { type: 'integer', minimum: 1, maximum: 24 },
    x: { type: 'integer', minimum: 0, maximum: 23 },
    y: { type: 'integer', minimum: 0 },
  },
};
const panel = {
  type: 'object',
  required: ['id', 'type', 'title', 'gridPos'],
  properties: {
    id: { type: 'integer', minimum: 1 },
    type: { enum: ['row', 'timeseries', 'stat', 'gauge', 'table', 'bargauge', 'text', 'heatmap'] },
    title: { type: 'string', minLength: 1 },
    gridPos,
    datasource: { type: 'object', required: ['type', 'uid'] },
    targets: { type: 'array', items: target },
    fieldConfig: { type: 'object', required: ['defaults', 'overrides'] },
  },
  if: { properties: { type: { not: { const: 'row' } } } },
  then: { required: ['targets', 'datasource'], properties: { targets: { type: 'array', minItems: 1 } } },
};
const dashboardSchema = {
  type: 'object',
  required: ['uid', 'title', 'schemaVersion', 'panels', 'time', 'templating'],
  properties: {
    uid: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,40}$' },
    title: { type: 'string', minLength: 1 },
    schemaVersion: { type: 'integer', minimum: 36 },
    version: { type: 'integer' },
    editable: { type: 'boolean' },
    graphTooltip: { enum: [0, 1, 2] },
    refresh: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    time: { type: 'object', required: ['from', 'to'], properties: { from: { type: 'string' }, to: { type: 'string' } } },
    templating: {
      type: 'object',
      required: ['list'],
      properties: { list: { type: 'array', items: { type: 'object', required: ['name', 'type'] } } },
    },
    panels: { type: 'array', minItems: 1, items: panel },
  },
};

/** Metric names a PromQL expression reads (identifiers followed by a selector, a range or an operator). */
function metricNames(expr: string): string[] {
  return [...expr.matchAll(/\b(wp_[a-z_]+)\b/g)].map((m) => m[1]);
}

describe('monitoring files (deploy/grafana, deploy/prometheus)', () => {
  const families = new Set(
    createMetrics('spec')
      .registry.getMetricsAsArray()
      .flatMap((m) => {
        const base = m.name;
        return [base, `${base}_bucket`, `${base}_count`, `${base}_sum`];
      }),
  );

  test("the dashboard satisfies Grafana's dashboard JSON model", () => {
    const ajv = new Ajv({ allErrors: true });
    const valid = ajv.validate(dashboardSchema, dashboard);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // The schema has teeth: a panel without its place on the grid, or a query without refId, fails.
    const broken = { ...dashboard, panels: [{ ...dashboard.panels[1], gridPos: undefined }, { ...dashboard.panels[2], targets: [{ expr: 'up' }] }] };
    expect(ajv.validate(dashboardSchema, broken)).toBe(false);
    expect(ajv.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/panels/0', '/panels/1/targets/0']));
  });

  test('panel ids are unique, panels fit the 24-column grid and never overlap', () => {
    const panels = dashboard.panels as Array<{ id: number; gridPos: { x: number; y: number; w: number; h: number } }>;
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const p of panels) expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    const cells = new Set<string>();
    for (const p of panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          expect(cells.has(`${x},${y}`) ? `panel ${p.id} overlaps at ${x},${y}` : '').toBe('');
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  test('every panel and alert reads metric families the fleet exports', () => {
    const exprs = [
      ...(dashboard.panels as Array<{ targets?: Array<{ expr: string }> }>).flatMap((p) => p.targets ?? []).map((t) => t.expr),
      ...(alerts.groups as Array<{ rules: Array<{ expr: string }> }>).flatMap((g) => g.rules).map((r) => r.expr),
    ];
    const unknown = exprs.flatMap(metricNames).filter((name) => !families.has(name));
    expect(unknown).toEqual([]);
  });

  test('the dashboard covers what the issue asks for: RPC, jobs, queues, outbox lag, upstreams, pushes, signing', () => {
    const read = new Set((dashboard.panels as Array<{ targets?: Array<{ expr: string }> }>).flatMap((p) => p.targets ?? []).flatMap((t) => metricNames(t.expr)));
    for (const family of ['wp_rpc_duration_seconds_bucket', 'wp_jobs_total', 'wp_job_duration_seconds_bucket', 'wp_queue_depth', 'wp_outbox_lag_seconds', 'wp_upstream_requests_total', 'wp_pushes_total', 'wp_pass_signing_duration_seconds_bucket', 'wp_circuit_state']) {
      expect(read.has(family) ? family : `${family} missing`).toBe(family);
    }
  });

  test('alerts cover outbox lag, push failure rate and certificate expiry; Prometheus loads them', () => {
    const rules = (alerts.groups as Array<{ rules: Array<{ alert: string; expr: string }> }>).flatMap((g) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(expect.arrayContaining(['WalletPassOutboxLag', 'WalletPassPushFailureRate', 'WalletPassCertificateExpiry']));
    expect(prometheus.rule_files).toEqual(['alerts.yml']);
  });

  test('Prometheus scrapes the ops port (9100) the manifests annotate, never the public one', () => {
    const job = (prometheus.scrape_configs as Array<{ job_name: string; relabel_configs?: Array<Record<string, unknown>> }>).find((j) => j.job_name === 'walletpass')!;
    const portRule = job.relabel_configs!.find((r) => (r.source_labels as string[]).includes('__meta_kubernetes_pod_annotation_prometheus_io_port'))!;
    const rewritten = '10.0.0.7:3000;9100'.replace(new RegExp(`^${portRule.regex as string}$`), (portRule.replacement as string).replace(/\$(\d)/g, '$$$1'));
    expect(rewritten).toBe('10.0.0.7:9100');
    for (const process of ['gateway', 'member-data', 'pass-generation', 'notification', 'tenant-management']) {
      const manifest = readFileSync(path.join(__dirname, 'k8s', `${process}.yaml`), 'utf8');
      expect(manifest).toContain('prometheus.io/port: "9100"');
    }
  });
});
