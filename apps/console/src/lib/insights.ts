// Chart rows from the insights metrics response (contract §7): one row per bucket, keyed
// by a short date, with the counts the charts plot.

export interface Bucket {
  start: string;
  passes_created_apple: number;
  passes_created_google: number;
  installs: number;
  updates_pushed: number;
  sms_sent: number;
  sms_delivered: number;
  link_clicks: number;
  installs_by_channel: Record<string, number>;
}

export interface ChartRow {
  day: string;
  apple: number;
  google: number;
  installs: number;
  updates: number;
  sms_sent: number;
  sms_delivered: number;
  clicks: number;
  [channel: `via_${string}`]: number;
}

export function chartRows(series: Bucket[]): ChartRow[] {
  return series.map((b) => {
    const row: ChartRow = {
      day: b.start.slice(0, 10),
      apple: b.passes_created_apple,
      google: b.passes_created_google,
      installs: b.installs,
      updates: b.updates_pushed,
      sms_sent: b.sms_sent,
      sms_delivered: b.sms_delivered,
      clicks: b.link_clicks,
    };
    for (const [channel, count] of Object.entries(b.installs_by_channel ?? {})) row[`via_${channel}`] = count;
    return row;
  });
}

/** `days` whole UTC days ending today: `from` inclusive, `to` (tomorrow) exclusive, as dates. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  const from = new Date(to.getTime() - days * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}
