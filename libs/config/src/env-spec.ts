/**
 * A tiny typed environment reader: each variable declares how to parse it, and a bad or
 * missing one stops the process at boot with one line naming it (fail at boot,
 * not at 3 a.m.).
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

export type Parser<T> = (raw: string | undefined, name: string, env: NodeJS.ProcessEnv) => T;

export function str(defaultValue?: string): Parser<string> {
  return (raw, name) => {
    const value = raw === undefined || raw === '' ? defaultValue : raw;
    if (value === undefined) throw new ConfigError(name, 'is required');
    return value;
  };
}

export function optionalStr(): Parser<string | undefined> {
  return (raw) => (raw === undefined || raw === '' ? undefined : raw);
}

export function int(defaultValue: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): Parser<number> {
  return (raw, name) => {
    if (raw === undefined || raw === '') return defaultValue;
    if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `must be an integer, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
    return value;
  };
}

export function port(defaultValue: number): Parser<number> {
  return int(defaultValue, { min: 0, max: 65535 });
}

export function bool(defaultValue: boolean): Parser<boolean> {
  return (raw, name) => {
    if (raw === undefined || raw === '') return defaultValue;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    throw new ConfigError(name, `must be a boolean (1/0, true/false), got "${raw}"`);
  };
}

export function url(defaultValue: string | undefined, protocols: string[]): Parser<string> {
  return (raw, name) => {
    const value = raw === undefined || raw === '' ? defaultValue : raw;
    if (value === undefined) throw new ConfigError(name, 'is required');
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new ConfigError(name, 'must be a URL');
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
    }
    return value.replace(/\/+$/, '');
  };
}

export function oneOf<T extends string>(values: readonly T[], defaultValue: T): Parser<T> {
  return (raw, name) => {
    const value = (raw === undefined || raw === '' ? defaultValue : raw) as T;
    if (!values.includes(value)) throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw}"`);
    return value;
  };
}

export type Spec = Record<string, Parser<unknown>>;
export type ConfigOf<S extends Spec> = { [K in keyof S]: S[K] extends Parser<infer T> ? T : never };

export function parseEnv<S extends Spec>(spec: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const out: Record<string, unknown> = {};
  for (const [name, parser] of Object.entries(spec)) {
    out[name] = parser(env[name], name, env);
  }
  return out as ConfigOf<S>;
}
