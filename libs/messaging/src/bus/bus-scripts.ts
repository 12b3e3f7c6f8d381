import type Redis from 'ioredis';

/**
 * The bus's Lua scripts. Each decision that two processes could race on (is anyone alive to
 * take this call? may this replica start it? may it commit? has the caller given up?) is one
 * script, so it is atomic on Redis and timed by Redis's own clock (TIME), never by the
 * clocks of the machines involved.
 *
 * Fate values: absent (nobody took the call), `started:<replica>`, `commit:<replica>` (the
 * replica committed a transaction for it), `cancelled` (the caller gave up first).
 */
const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const scripts = {
  /** KEYS: replicas, stream. ARGV: livenessMs, maxLen, sealed. → {queued 0|1, now} */
  busSend: {
    numberOfKeys: 2,
    lua: `${NOW}
local live = redis.call('ZRANGEBYSCORE', KEYS[1], now - tonumber(ARGV[1]), '+inf', 'LIMIT', 0, 1)
if #live == 0 then return {0, now} end
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'm', ARGV[3])
return {1, now}`,
  },
  /** KEYS: replicas. ARGV: consumer, ttlMs. → now */
  busHeartbeat: {
    numberOfKeys: 1,
    lua: `${NOW}
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return now`,
  },
  /**
   * KEYS: fate, replicas. ARGV: replica, deadline, graceMs, livenessMs, rerunSafe.
   * → ok | rerun | late | cancelled | busy | committed
   */
  busClaim: {
    numberOfKeys: 2,
    lua: `${NOW}
local deadline = tonumber(ARGV[2])
if now > deadline then return 'late' end
local ttl = deadline - now + tonumber(ARGV[3])
local v = redis.call('GET', KEYS[1])
if not v then redis.call('SET', KEYS[1], 'started:' .. ARGV[1], 'PX', ttl) return 'ok' end
if v == 'cancelled' then return 'cancelled' end
local sep = string.find(v, ':', 1, true)
local state = string.sub(v, 1, sep - 1)
local holder = string.sub(v, sep + 1)
if holder == ARGV[1] then return 'ok' end
local beat = redis.call('ZSCORE', KEYS[2], holder)
if beat and now - tonumber(beat) <= tonumber(ARGV[4]) then return 'busy' end
if state == 'started' then redis.call('SET', KEYS[1], 'started:' .. ARGV[1], 'PX', ttl) return 'ok' end
if ARGV[5] == '1' then redis.call('SET', KEYS[1], 'commit:' .. ARGV[1], 'PX', ttl) return 'rerun' end
return 'committed'`,
  },
  /** KEYS: fate. ARGV: replica, deadline. → ok | late | lost */
  busCommit: {
    numberOfKeys: 1,
    lua: `${NOW}
local v = redis.call('GET', KEYS[1])
if v == 'commit:' .. ARGV[1] then return 'ok' end
if v ~= 'started:' .. ARGV[1] then return 'lost' end
if now > tonumber(ARGV[2]) then return 'late' end
redis.call('SET', KEYS[1], 'commit:' .. ARGV[1], 'KEEPTTL')
return 'ok'`,
  },
  /** KEYS: fate. ARGV: graceMs. → cancelled | <the commit fate> */
  busGiveUp: {
    numberOfKeys: 1,
    lua: `local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, 7) == 'commit:' then return v end
redis.call('SET', KEYS[1], 'cancelled', 'PX', ARGV[1])
return 'cancelled'`,
  },
} as const;

export type BusCommand = keyof typeof scripts;

/** One script's Lua source, for a connection made elsewhere (the heartbeat thread's). */
export function busScript(name: BusCommand): string {
  return scripts[name].lua;
}

/** A connection that has the bus's scripts as commands (EVALSHA, falling back to EVAL once). */
export type BusRedis = Redis & {
  [K in BusCommand]: (...args: (string | number | Buffer)[]) => Promise<unknown>;
};

/**
 * Defines the scripts on a connection right when it is created, before its first command:
 * defining them lazily on a connection that is already in use races with ioredis's
 * pipelines ("pipeline[name] is not a function").
 */
export function withBusScripts(redis: Redis): BusRedis {
  for (const [name, { numberOfKeys, lua }] of Object.entries(scripts)) redis.defineCommand(name, { numberOfKeys, lua });
  return redis as BusRedis;
}
