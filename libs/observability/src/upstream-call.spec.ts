import { CircuitState } from 'cockatiel';
import { createMetrics } from './metrics';
import { UpstreamCircuitOpen, UpstreamGuard } from './upstream-call';

type Answer = { status: number };

describe('UpstreamGuard (per-tenant circuit breaker)', () => {
  const metrics = createMetrics('spec');
  const guard = new UpstreamGuard<Answer>({
    upstream: 'apns',
    threshold: 2,
    halfOpenAfterMs: 10_000,
    outcomeOf: (answer) => ({ status: String(answer.status), unhealthy: answer.status >= 500 || answer.status === 429 }),
    outcomeOfError: () => ({ status: 'network', unhealthy: true }),
  });
  const circuit = async (tenant: string) => (await metrics.circuit.get()).values.find((v) => v.labels.tenant_id === tenant && v.labels.upstream === 'apns')?.value;
  const count = async (status: string) => (await metrics.upstreamRequests.get()).values.find((v) => v.labels.upstream === 'apns' && v.labels.status === status)?.value ?? 0;

  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-06T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  test('consecutive unhealthy answers open the circuit for that tenant only; calls are then refused without being made', async () => {
    await expect(guard.call('t1', async () => ({ status: 503 }))).resolves.toEqual({ status: 503 });
    await expect(guard.call('t1', async () => Promise.reject(new Error('ECONNRESET')))).rejects.toThrow('ECONNRESET');
    expect(guard.state('t1')).toBe(CircuitState.Open);
    expect(await circuit('t1')).toBe(1);

    const work = jest.fn(async () => ({ status: 200 }));
    await expect(guard.call('t1', work)).rejects.toBeInstanceOf(UpstreamCircuitOpen);
    expect(work).not.toHaveBeenCalled();
    expect(await count('circuit_open')).toBe(1);
    // Another tenant's calls go on.
    await expect(guard.call('t2', async () => ({ status: 200 }))).resolves.toEqual({ status: 200 });
  });

  test('after the half-open delay one call tests the upstream; success closes the circuit', async () => {
    await guard.call('t3', async () => ({ status: 500 }));
    await guard.call('t3', async () => ({ status: 500 }));
    expect(guard.state('t3')).toBe(CircuitState.Open);
    jest.advanceTimersByTime(10_001);
    await expect(guard.call('t3', async () => ({ status: 200 }))).resolves.toEqual({ status: 200 });
    expect(guard.state('t3')).toBe(CircuitState.Closed);
    expect(await circuit('t3')).toBe(0);
  });

  test('answers about our own request (4xx) never open it', async () => {
    for (let i = 0; i < 5; i++) await guard.call('t4', async () => ({ status: 410 }));
    expect(guard.state('t4')).toBe(CircuitState.Closed);
    expect(await count('410')).toBe(5);
  });
});
