import { createHash } from 'node:crypto';
import { ConfigError, ConfigOf, Spec, parseEnv } from './env-spec';
import { FleetConfig, fleetSpec, resolveMasterKey } from './fleet-config';

export type ServiceConfig<S extends Spec> = FleetConfig & ConfigOf<S>;

/** Parses the fleet variables plus a process's own, and derives the master key id. */
export function readConfig<S extends Spec>(extra: S, env: NodeJS.ProcessEnv = process.env): ServiceConfig<S> {
  const parsed = parseEnv(fleetSpec, env);
  const masterKey = resolveMasterKey(parsed);
  const { MASTER_KEY: _secret, ...fleet } = parsed;
  const masterKeyId = createHash('sha256').update(masterKey).digest('hex').slice(0, 8);
  return { ...fleet, ...parseEnv(extra, env), masterKey, masterKeyId };
}

/**
 * Reads the configuration once at boot. A bad or missing variable ends the process with
 * exactly one line naming it, instead of a stack trace or a crash later.
 */
export function loadConfig<S extends Spec>(extra: S, env: NodeJS.ProcessEnv = process.env): ServiceConfig<S> {
  try {
    return readConfig(extra, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`configuration error: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
