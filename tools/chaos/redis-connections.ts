/**
 * Ids of the `CLIENT LIST` entries whose connection name starts with `<namespace>:`. Every
 * Redis connection of a fleet is named so (the bus, BullMQ, the gateway's), which picks out
 * exactly the chaos fleet's own connections on a Redis other fleets share.
 */
export function clientIdsOfFleet(clientList: string, namespace: string): string[] {
  const ids: string[] = [];
  for (const line of clientList.split('\n')) {
    const fields = Object.fromEntries(line.split(' ').map((pair) => pair.split('=', 2) as [string, string]));
    if (fields.id && fields.name?.startsWith(`${namespace}:`)) ids.push(fields.id);
  }
  return ids;
}
