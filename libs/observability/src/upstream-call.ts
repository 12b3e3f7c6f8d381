import { BrokenCircuitError, CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen } from 'cockatiel';
import { Upstream, processMetrics } from './metrics';
import { SpanKind, inSpan } from './tracing';

/** What one call to an upstream came to, for its metrics and its breaker. */
export interface UpstreamOutcome {
  /** HTTP status, or `network`, `timeout`: the `status` label of wp_upstream_requests_total. */
  status: string;
  /** The upstream itself is in trouble (5xx, 429, network, timeout), as opposed to a bad request of ours. */
  unhealthy: boolean;
}

export interface UpstreamGuardOptions<T> {
  upstream: Upstream;
  /** Consecutive unhealthy calls that open one tenant's circuit. */
  threshold: number;
  /** How long an open circuit refuses calls before it lets one through to test the upstream. */
  halfOpenAfterMs: number;
  /** Reads a result (APNs answers 5xx as results, not exceptions). */
  outcomeOf(result: T): UpstreamOutcome;
  /** Reads a thrown error (a network failure, or an SDK that throws on 4xx/5xx). */
  outcomeOfError(error: unknown): UpstreamOutcome;
}

/**
 * Thrown instead of calling an upstream whose circuit is open for this tenant. Nothing was
 * sent: the job that asked must be retried later (BullMQ backoff), never dropped.
 */
export class UpstreamCircuitOpen extends Error {
  constructor(
    readonly upstream: Upstream,
    readonly tenantId: string,
    /** When the circuit lets a test call through again. */
    readonly retryAfterMs: number,
  ) {
    super(`${upstream} is failing for this tenant; the circuit is open and the call will be retried later`);
    this.name = 'UpstreamCircuitOpen';
  }
}

/** Marks an unhealthy result so the breaker counts it, while the caller still gets the result. */
class UnhealthyResult<T> extends Error {
  constructor(readonly result: T) {
    super('unhealthy upstream answer');
  }
}

/**
 * Every call to one upstream (APNs, Google, Twilio, webhooks): a client span carrying the
 * trace onward, the outcome and duration metrics, and a circuit breaker per tenant. One
 * tenant's broken certificate or endpoint opens only that tenant's circuit, so its calls
 * stop hammering a failing service while other tenants' go on.
 */
export class UpstreamGuard<T> {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();

  constructor(private readonly options: UpstreamGuardOptions<T>) {}

  /** The breaker state for one tenant (closed when it never called). */
  state(tenantId: string): CircuitState {
    return this.breakers.get(tenantId)?.state ?? CircuitState.Closed;
  }

  async call(tenantId: string, work: () => Promise<T>): Promise<T> {
    const { upstream } = this.options;
    const metrics = processMetrics();
    const breaker = this.breakerFor(tenantId);
    return inSpan(`${upstream} send`, { kind: SpanKind.CLIENT, attributes: { 'wp.upstream': upstream, 'wp.tenant_id': tenantId } }, async (span) => {
      const started = performance.now();
      const record = (status: string) => {
        span.setAttribute('wp.upstream.status', status);
        metrics.upstreamRequests.inc({ upstream, status });
        metrics.upstreamDuration.observe({ upstream }, (performance.now() - started) / 1000);
      };
      try {
        return await breaker.execute(async () => {
          let result: T;
          try {
            result = await work();
          } catch (error) {
            const outcome = this.options.outcomeOfError(error);
            record(outcome.status);
            throw outcome.unhealthy ? error : new HealthyFailure(error);
          }
          const outcome = this.options.outcomeOf(result);
          record(outcome.status);
          if (outcome.unhealthy) throw new UnhealthyResult(result);
          return result;
        });
      } catch (error) {
        if (error instanceof BrokenCircuitError) {
          metrics.upstreamRequests.inc({ upstream, status: 'circuit_open' });
          throw new UpstreamCircuitOpen(upstream, tenantId, this.options.halfOpenAfterMs);
        }
        if (error instanceof UnhealthyResult) return error.result as T;
        if (error instanceof HealthyFailure) throw error.cause;
        throw error;
      }
    });
  }

  private breakerFor(tenantId: string): CircuitBreakerPolicy {
    let breaker = this.breakers.get(tenantId);
    if (breaker) return breaker;
    // A 4xx of ours (bad token, bad payload) says nothing about the upstream's health.
    breaker = circuitBreaker(
      handleWhen((error) => !(error instanceof HealthyFailure)),
      { halfOpenAfter: this.options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(this.options.threshold) },
    );
    const { upstream } = this.options;
    processMetrics().circuit.set({ upstream, tenant_id: tenantId }, CircuitState.Closed);
    breaker.onStateChange((state) => processMetrics().circuit.set({ upstream, tenant_id: tenantId }, state));
    this.breakers.set(tenantId, breaker);
    return breaker;
  }
}

/** An error the upstream answered correctly (our request was wrong): passed through, not counted. */
class HealthyFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('upstream refused the request');
  }
}
