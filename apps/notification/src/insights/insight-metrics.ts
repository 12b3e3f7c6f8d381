import type { DomainEvent, MetricCounts } from '@wp/contracts';

// Do not change the values: they are stored in metric_rollups.
export const METRICS = [
  'passes_created_apple',
  'passes_created_google',
  'installs',
  'installs_sms',
  'installs_page',
  'installs_api',
  'installs_enrollment',
  'installs_email',
  'uninstalls',
  'updates_pushed',
  'sms_sent',
  'sms_delivered',
  'link_clicks',
  'scans',
  'redemptions',
] as const;

export type Metric = (typeof METRICS)[number];

/**
 * The counters one event moves. `updates_pushed` counts pass.updated: each
 * is a new pass version that the wallets are told about (APNs push, Google patch), whatever
 * caused it, so the figure does not depend on how many devices hold the pass.
 */
export function metricsOf(event: DomainEvent): Metric[] {
  switch (event.type) {
    case 'pass.created':
      return [event.data.pass_type === 'google' ? 'passes_created_google' : 'passes_created_apple'];
    case 'pass.installed':
      return ['installs', `installs_${event.data.channel}`];
    case 'pass.uninstalled':
      return ['uninstalls'];
    case 'pass.updated':
      return ['updates_pushed'];
    case 'sms.sent':
      return ['sms_sent'];
    case 'sms.delivered':
      return ['sms_delivered'];
    case 'link.clicked':
      return ['link_clicks'];
    case 'pass.scanned':
      return ['scans'];
    case 'pass.redeemed':
      return ['redemptions'];
    default:
      return [];
  }
}

export function emptyCounts(): MetricCounts {
  return {
    passes_created_apple: 0,
    passes_created_google: 0,
    installs: 0,
    uninstalls: 0,
    updates_pushed: 0,
    sms_sent: 0,
    sms_delivered: 0,
    link_clicks: 0,
    scans: 0,
    redemptions: 0,
    installs_by_channel: { sms: 0, page: 0, api: 0, enrollment: 0, email: 0 },
  };
}

export function addToCounts(counts: MetricCounts, metric: Metric, n: number): void {
  switch (metric) {
    case 'installs_sms':
      counts.installs_by_channel.sms += n;
      return;
    case 'installs_page':
      counts.installs_by_channel.page += n;
      return;
    case 'installs_api':
      counts.installs_by_channel.api += n;
      return;
    case 'installs_enrollment':
      counts.installs_by_channel.enrollment += n;
      return;
    case 'installs_email':
      counts.installs_by_channel.email += n;
      return;
    default:
      counts[metric] += n;
  }
}
