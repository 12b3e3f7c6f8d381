// What a deployment relies on, read from the files themselves (no Docker engine, no
// cluster): the Compose fleet starts in the right order with the right environment, the
// Kubernetes manifests describe every process, and no manifest carries a real secret.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const K8S_DIR = path.join(__dirname, 'k8s');
const SERVICES = ['tenant-management', 'member-data', 'pass-generation', 'notification'] as const;
const PROCESSES = ['gateway', ...SERVICES] as const;
const OPS_PORT = 9100;
const MIGRATE_COMMANDS = SERVICES.map((s) => `node dist/apps/${s}/src/main.js migrate`);
const PLACEHOLDER_KEY = '0123456789abcdef'.repeat(4);
/** The Secret key of one process's Redis URL (its own ACL user). */
const redisUrlKey = (process: string) => `REDIS_URL_${process.toUpperCase().replace(/-/g, '_')}`;

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks a parsed document by keys; a missing step yields undefined. */
function at(value: unknown, ...keys: (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof key === 'number') current = Array.isArray(current) ? current[key] : undefined;
    else current = isObj(current) ? current[key] : undefined;
  }
  return current;
}

function obj(value: unknown): Obj {
  return isObj(value) ? value : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A Compose or container command in one string, whichever of its forms the file uses. */
function commandText(value: unknown): string {
  return (Array.isArray(value) ? value.map(String).join(' ') : String(value ?? '')).replace(/\s+/g, ' ');
}

/** Anything that looks like a key, token or password rather than a placeholder. */
function secretLookingStrings(text: string): string[] {
  const patterns = [
    /\b[0-9a-f]{32,}\b/gi, // MASTER_KEY (64 hex), Twilio auth tokens (32 hex)
    /\bwp_[0-9A-Za-z]{16,}/g, // tenant API keys (wp_ + 32 hex)
    /\bAC[0-9a-f]{32}\b/g, // Twilio account SIDs
    /-----BEGIN [A-Z ]*PRIVATE KEY-----/g,
  ];
  return patterns.flatMap((pattern) => text.match(pattern) ?? []);
}

describe('docker-compose.yml', () => {
  const source = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
  // Compose files share blocks through YAML merge keys (`<<: *fleet-env`).
  const compose = obj(parse(source, { merge: true }));
  const services = obj(compose.services);
  const service = (name: string): Obj => obj(services[name]);

  it('declares Postgres, Redis, the migration step, the gateway and the four services', () => {
    expect(Object.keys(services).sort()).toEqual(expect.arrayContaining(['postgres', 'redis', 'migrate', ...PROCESSES]));
  });

  it('publishes the gateway on 3000 and no other process (Postgres and Redis at most)', () => {
    expect(list(service('gateway').ports).map(String)).toEqual(['3000:3000']);
    for (const [name, definition] of Object.entries(services)) {
      if (['gateway', 'postgres', 'redis'].includes(name)) continue;
      expect({ name, ports: at(definition, 'ports') }).toEqual({ name, ports: undefined });
    }
  });

  it('starts every process only after Postgres and Redis are healthy and migrations have completed', () => {
    for (const name of PROCESSES) {
      expect({ name, dependsOn: service(name).depends_on }).toEqual({
        name,
        dependsOn: {
          postgres: { condition: 'service_healthy' },
          redis: { condition: 'service_healthy' },
          migrate: { condition: 'service_completed_successfully' },
        },
      });
    }
    expect(service('migrate').depends_on).toEqual({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('runs the four services’ migrations in sequence, stopping at the first failure', () => {
    const command = commandText(service('migrate').command);
    const positions = MIGRATE_COMMANDS.map((c) => command.indexOf(c));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(command.match(/ migrate &&/g)).toHaveLength(SERVICES.length - 1);
  });

  it('gives every process the fleet environment, with the ops port open to probes', () => {
    for (const name of [...PROCESSES, 'migrate']) {
      const environment = obj(service(name).environment);
      expect({ name, keys: Object.keys(environment) }).toEqual({
        name,
        keys: expect.arrayContaining(['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'MASTER_KEY', 'PUBLIC_BASE_URL', 'OPS_HOST', 'OPS_PORT']),
      });
      expect(environment.NODE_ENV).toBe('production');
      expect(String(environment.OPS_PORT)).toBe(String(OPS_PORT));
      expect(environment.OPS_HOST).toBe('0.0.0.0');
      expect(String(environment.DATABASE_URL)).toMatch(/@postgres:5432\//);
      // Each process as its own Redis ACL user (migrate borrows tenant-management's), its password required.
      const user = name === 'migrate' ? 'tenant-management' : name;
      const variable = `REDIS_PASSWORD_${user.toUpperCase().replace(/-/g, '_')}`;
      expect(String(environment.REDIS_URL)).toMatch(new RegExp(`^redis://${user}:\\$\\{${variable}:\\?.+\\}@redis:6379$`));
      // Required from the operator, never defaulted: a default key would be public.
      expect(String(environment.MASTER_KEY)).toMatch(/^\$\{MASTER_KEY:\?.+\}$/);
    }
  });

  it('runs every process from the one image with its own entry point', () => {
    expect(service('migrate').build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    for (const name of PROCESSES) {
      const dir = name === 'gateway' ? 'gateway' : `apps/${name}`;
      expect(commandText(service(name).command)).toBe(`node dist/${dir}/src/main.js`);
      expect(service(name).build).toEqual(service('migrate').build);
    }
  });

  it('health-checks every process on its ops port, and Postgres and Redis natively', () => {
    for (const name of PROCESSES) {
      const test = commandText(at(service(name), 'healthcheck', 'test'));
      expect({ name, test }).toEqual({ name, test: expect.stringContaining(`http://127.0.0.1:${OPS_PORT}/health`) });
      expect(service(name).stop_grace_period).toBeDefined();
    }
    expect(commandText(at(service('postgres'), 'healthcheck', 'test'))).toContain('pg_isready');
    expect(commandText(at(service('redis'), 'healthcheck', 'test'))).toMatch(/redis-cli .*ping \| grep -q PONG/);
  });

  it('runs Redis with the ACL users of the template, a password each, and no default user', () => {
    const redis = service('redis');
    expect(commandText(redis.entrypoint)).toBe('sh /etc/walletpass/start-redis.sh');
    expect(list(redis.volumes).map(String)).toEqual(expect.arrayContaining(['./deploy/redis/users.acl.template:/etc/walletpass/users.acl.template:ro', './deploy/redis/start-redis.sh:/etc/walletpass/start-redis.sh:ro']));
    const template = readFileSync(path.join(__dirname, 'redis', 'users.acl.template'), 'utf8');
    expect(template).toMatch(/^user default off$/m);
    for (const name of PROCESSES) {
      const variable = `REDIS_PASSWORD_${name.toUpperCase().replace(/-/g, '_')}`;
      expect(String(obj(redis.environment)[variable])).toMatch(new RegExp(`^\\$\\{${variable}:\\?.+\\}$`));
      const rules = template.split('\n').find((line) => line.startsWith(`user ${name} `)) ?? '';
      expect({ name, rules }).toEqual({ name, rules: expect.stringContaining(`on >\${${variable}} resetkeys ~\${WP_NAMESPACE}:* resetchannels &\${WP_NAMESPACE}:* -@all`) });
      expect(rules).toContain('-@admin -@dangerous');
    }
  });

  it('runs Redis the way BullMQ needs it: append-only, never evicting keys', () => {
    const command = commandText(service('redis').command);
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
  });

  it('carries no secret', () => {
    expect(secretLookingStrings(source)).toEqual([]);
  });

  describe('with the docker-compose binary', () => {
    const runConfig = (env: NodeJS.ProcessEnv) =>
      spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], { cwd: ROOT, env, encoding: 'utf8', timeout: 30_000 });
    const REDIS_PASSWORDS = Object.fromEntries(PROCESSES.map((name) => [`REDIS_PASSWORD_${name.toUpperCase().replace(/-/g, '_')}`, `placeholder-${name}`]));
    /** Every Redis password set, MASTER_KEY not. */
    const withoutKey = (): NodeJS.ProcessEnv => {
      const env = { ...process.env, ...REDIS_PASSWORDS };
      delete env.MASTER_KEY;
      return env;
    };

    beforeAll(() => {
      const probe = spawnSync('docker-compose', ['version'], { encoding: 'utf8' });
      if (probe.error) {
        throw new Error('docker-compose is not on PATH, so the Compose file cannot be validated: install it with `apt-get update && apt-get install -y docker-compose`');
      }
    });

    it('accepts the file (`docker-compose config -q`) when MASTER_KEY is set', () => {
      const result = runConfig({ ...withoutKey(), MASTER_KEY: PLACEHOLDER_KEY });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    });

    it('refuses to start the fleet without MASTER_KEY, saying how to make one', () => {
      const result = runConfig(withoutKey());
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('set MASTER_KEY, e.g. openssl rand -hex 32');
    });

    it('refuses to start without a Redis password, naming it', () => {
      const env: NodeJS.ProcessEnv = { ...withoutKey(), MASTER_KEY: PLACEHOLDER_KEY };
      delete env.REDIS_PASSWORD_MEMBER_DATA;
      const result = runConfig(env);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('set REDIS_PASSWORD_MEMBER_DATA');
    });
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const runtime = dockerfile.slice(dockerfile.search(/^FROM .* AS runtime$/m));

  it('builds with dev dependencies and ships only production ones and dist/, as a non-root user', () => {
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS deps$/m);
    // The current Node LTS; package.json `engines` lists every line the fleet supports.
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    expect(dockerfile).toMatch(/^RUN npm run build/m);
    expect(runtime).toContain('npm ci --omit=dev');
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/NODE_ENV=production/);
    expect(runtime).toMatch(/^CMD \["node", "dist\/gateway\/src\/main\.js"\]$/m);
  });

  it('keeps the development master key and build output out of the build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', 'dist', '.local', '.git', 'test-artifacts', 'coverage']));
  });
});

describe('deploy/k8s', () => {
  const files = readdirSync(K8S_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
  const sources = new Map(files.map((f) => [f, readFileSync(path.join(K8S_DIR, f), 'utf8')]));
  const documents = files.flatMap((file) =>
    parseAllDocuments(sources.get(file) ?? '').map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      return { file, manifest: obj(doc.toJS()) };
    }),
  );
  const manifests = documents.map((d) => d.manifest);
  const ofKind = (kind: string) => manifests.filter((m) => m.kind === kind);
  const named = (kind: string, name: string): Obj => {
    const found = ofKind(kind).find((m) => at(m, 'metadata', 'name') === name);
    if (!found) throw new Error(`no ${kind} named ${name} in deploy/k8s`);
    return found;
  };
  const podSpec = (m: Obj) => obj(at(m, 'spec', 'template', 'spec'));
  const container = (m: Obj) => obj(at(podSpec(m), 'containers', 0));
  const envNames = (c: Obj) => list(c.env).map((e) => String(at(e, 'name')));
  const secret = ofKind('Secret')[0];
  const secretKeys = Object.keys(obj(secret?.stringData ?? secret?.data));
  const configMapNames = ofKind('ConfigMap').map((m) => String(at(m, 'metadata', 'name')));

  it('parses every manifest', () => {
    expect(files).toEqual(expect.arrayContaining(['namespace.yaml', 'configmap.yaml', 'secret.template.yaml', 'migration-job.yaml', 'kustomization.yaml']));
    expect(manifests.every((m) => typeof m.kind === 'string' && typeof m.apiVersion === 'string')).toBe(true);
  });

  it('has a Deployment per process, each running its own entry point from the one image', () => {
    for (const name of PROCESSES) {
      const c = container(named('Deployment', name));
      const dir = name === 'gateway' ? 'gateway' : `apps/${name}`;
      // `args` keeps the image's tini ENTRYPOINT; `command` would replace it.
      expect({ name, args: commandText(c.args), command: c.command }).toEqual({ name, args: `node dist/${dir}/src/main.js`, command: undefined });
      expect(c.image).toBe('walletpass');
    }
  });

  it('runs at least two replicas of every process, rolls without downtime, autoscales on CPU and keeps one through disruptions', () => {
    for (const name of SERVICES) {
      const deployment = named('Deployment', name);
      expect({ name, replicas: at(deployment, 'spec', 'replicas'), strategy: at(deployment, 'spec', 'strategy', 'type') }).toEqual({
        name,
        replicas: 2,
        strategy: 'RollingUpdate',
      });
      expect(at(deployment, 'spec', 'strategy', 'rollingUpdate', 'maxUnavailable')).toBe(0);
    }
    expect(at(named('Deployment', 'gateway'), 'spec', 'replicas')).toBe(2);
    for (const name of PROCESSES) {
      expect(at(named('HorizontalPodAutoscaler', name), 'spec', 'minReplicas')).toBe(2);
      expect(at(named('PodDisruptionBudget', name), 'spec', 'minAvailable')).toBe(1);
    }
  });

  it('probes readiness on the ops port /health, liveness on /healthz (the gateway on its public port)', () => {
    for (const name of PROCESSES) {
      const c = container(named('Deployment', name));
      const opsPort = list(c.ports).find((p) => at(p, 'containerPort') === OPS_PORT);
      expect({ name, opsPort: at(opsPort, 'name') }).toEqual({ name, opsPort: 'ops' });
      expect(at(c, 'readinessProbe', 'httpGet')).toEqual({ path: '/health', port: 'ops' });
      const liveness = at(c, 'livenessProbe', 'httpGet');
      expect(liveness).toEqual(name === 'gateway' ? { path: '/healthz', port: 'http' } : { path: '/healthz', port: 'ops' });
    }
    const http = list(container(named('Deployment', 'gateway')).ports).find((p) => at(p, 'name') === 'http');
    expect(at(http, 'containerPort')).toBe(3000);
  });

  it('gives every pod limits, a grace period, Prometheus annotations and a non-root user', () => {
    for (const m of [...PROCESSES.map((n) => named('Deployment', n)), ...ofKind('Job')]) {
      const name = String(at(m, 'metadata', 'name'));
      const c = container(m);
      expect({ name, requests: at(c, 'resources', 'requests'), limits: at(c, 'resources', 'limits') }).toEqual({
        name,
        requests: { cpu: expect.anything(), memory: expect.anything() },
        limits: { cpu: expect.anything(), memory: expect.anything() },
      });
      expect({ name, runAsNonRoot: at(podSpec(m), 'securityContext', 'runAsNonRoot') }).toEqual({ name, runAsNonRoot: true });
      expect({ name, escalation: at(c, 'securityContext', 'allowPrivilegeEscalation') }).toEqual({ name, escalation: false });
    }
    for (const name of PROCESSES) {
      const deployment = named('Deployment', name);
      expect(podSpec(deployment).terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
      expect(at(deployment, 'spec', 'template', 'metadata', 'annotations')).toEqual({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(OPS_PORT),
        'prometheus.io/path': '/metrics',
      });
    }
  });

  it('exposes the gateway on 3000 behind an Ingress, and the services only on the ops port', () => {
    expect(list(at(named('Service', 'gateway'), 'spec', 'ports')).map((p) => at(p, 'port'))).toEqual([3000]);
    for (const name of SERVICES) {
      expect({ name, ports: list(at(named('Service', name), 'spec', 'ports')).map((p) => at(p, 'port')) }).toEqual({ name, ports: [OPS_PORT] });
    }
    const backend = at(ofKind('Ingress')[0], 'spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service');
    expect(backend).toEqual({ name: 'gateway', port: { name: 'http' } });
  });

  it('has a migration Job that runs the four migrate commands in sequence and retries on failure', () => {
    const [job] = ofKind('Job');
    const args = commandText(container(job).args);
    const positions = MIGRATE_COMMANDS.map((c) => args.indexOf(c));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(args.match(/ migrate &&/g)).toHaveLength(SERVICES.length - 1);
    expect(podSpec(job).restartPolicy).toBe('OnFailure');
    expect(at(job, 'spec', 'backoffLimit')).toEqual(expect.any(Number));
  });

  it('feeds every workload the non-secret config from a ConfigMap and the secrets from the Secret', () => {
    expect(configMapNames).toContain('walletpass-config');
    const config = obj(at(named('ConfigMap', 'walletpass-config'), 'data'));
    expect(config).toEqual(expect.objectContaining({ NODE_ENV: 'production', OPS_HOST: '0.0.0.0', OPS_PORT: String(OPS_PORT) }));
    for (const m of ofKind('ConfigMap')) {
      for (const key of secretKeys) expect(Object.keys(obj(m.data))).not.toContain(key);
    }
    for (const m of [...PROCESSES.map((n) => named('Deployment', n)), ...ofKind('Job')]) {
      const c = container(m);
      const name = String(at(m, 'metadata', 'name'));
      expect({ name, env: envNames(c) }).toEqual({ name, env: expect.arrayContaining(['MASTER_KEY', 'DATABASE_URL', 'REDIS_URL']) });
      // Each workload reaches Redis as its own ACL user; the migration Job as tenant-management.
      const redisKey = at(list(c.env).find((e) => at(e, 'name') === 'REDIS_URL'), 'valueFrom', 'secretKeyRef', 'key');
      expect({ name, redisKey }).toEqual({ name, redisKey: redisUrlKey(ofKind('Job').includes(m) ? 'tenant-management' : name) });
      for (const ref of list(c.envFrom)) expect(configMapNames).toContain(at(ref, 'configMapRef', 'name'));
      for (const e of list(c.env)) {
        const ref = at(e, 'valueFrom', 'secretKeyRef');
        if (!ref) continue;
        expect(at(ref, 'name')).toBe(at(secret, 'metadata', 'name'));
        expect(secretKeys).toContain(at(ref, 'key'));
      }
    }
    expect(envNames(container(named('Deployment', 'notification')))).toEqual(expect.arrayContaining(['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM']));
  });

  it('ships the Secret only as a template of placeholders', () => {
    const templates = documents.filter((d) => d.manifest.kind === 'Secret');
    expect(templates.map((d) => d.file)).toEqual(['secret.template.yaml']);
    expect(secretKeys).toEqual(expect.arrayContaining(['MASTER_KEY', 'DATABASE_URL', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM', ...PROCESSES.map(redisUrlKey)]));
    for (const [key, value] of Object.entries(obj(secret.stringData))) {
      expect({ key, value }).toEqual({ key, value: expect.stringContaining('REPLACE_ME') });
    }
  });

  it('contains nothing that looks like a real secret', () => {
    for (const [file, text] of sources) {
      expect({ file, found: secretLookingStrings(text) }).toEqual({ file, found: [] });
    }
  });

  it('lists every manifest in kustomization.yaml except the Secret template', () => {
    const kustomization = obj(parse(sources.get('kustomization.yaml') ?? ''));
    const expected = files.filter((f) => f !== 'kustomization.yaml' && f !== 'secret.template.yaml');
    expect(list(kustomization.resources).map(String).sort()).toEqual(expected);
    expect(kustomization.namespace).toBe(at(ofKind('Namespace')[0], 'metadata', 'name'));
  });
});
