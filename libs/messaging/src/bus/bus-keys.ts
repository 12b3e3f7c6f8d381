/**
 * Every Redis key the request bus uses, in one place, all under the fleet namespace so two
 * fleets on one Redis never see each other's traffic (and so a Redis ACL user can be
 * limited to `~<ns>:*`).
 */
export const CONSUMER_GROUP = 'replicas';

/** Requests of one service: a stream all its replicas read through one consumer group. */
export const requestStream = (ns: string, service: string) => `${ns}:rpc:${service}`;
/** Answers for one calling process: a list only that process pops. */
export const replyList = (ns: string, clientId: string) => `${ns}:rpc-reply:${clientId}`;
/** Live replicas of one service: member = consumer name, score = last heartbeat (Redis ms). */
export const replicaSet = (ns: string, service: string) => `${ns}:rpc-replicas:${service}`;
/** What became of one call: `started:<replica>`, `commit:<replica>` or `cancelled`. */
export const fateKey = (ns: string, callId: string) => `${ns}:rpc-fate:${callId}`;

/**
 * Requests are deleted once answered; the cap only bounds a stream nobody reads (a service
 * that is down for long), approximately, so XADD stays O(1).
 */
export const STREAM_MAX_LEN = 100_000;
/** How long fate keys outlive a call's deadline, so late duplicates still find them. */
export const FATE_GRACE_MS = 60_000;
