import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/**
 * The local TCP ports of every socket the given processes hold (Linux /proc). Redis's
 * `CLIENT LIST` names each client by its address, so these ports pick out exactly the
 * chaos fleet's own connections on a Redis other fleets share; nobody else's is touched.
 */
export function localPortsOf(pids: number[]): Set<number> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // the process is gone (killed a moment ago)
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const match = /^socket:\[(\d+)\]$/.exec(target);
        if (match) inodes.add(match[1]);
      } catch {
        // closed while we looked
      }
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || !inodes.has(fields[9])) continue;
      ports.add(parseInt(fields[1].split(':')[1], 16));
    }
  }
  return ports;
}

/** Ids of the `CLIENT LIST` entries whose address is one of `ports` on this machine. */
export function clientIdsOn(clientList: string, ports: Set<number>): string[] {
  const ids: string[] = [];
  for (const line of clientList.split('\n')) {
    const fields = Object.fromEntries(line.split(' ').map((pair) => pair.split('=', 2) as [string, string]));
    const port = Number(fields.addr?.split(':').pop());
    if (fields.id && ports.has(port)) ids.push(fields.id);
  }
  return ids;
}
