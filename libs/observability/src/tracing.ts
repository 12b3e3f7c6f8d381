import { Context, Span, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

const TRACER = 'walletpass';

/** A W3C trace context as it travels in a message, an outbox row or a job: `00-<trace>-<span>-<flags>`. */
export interface TraceCarrier {
  traceparent?: string;
}

export interface Tracing {
  /** Sends what is still buffered; call on shutdown. */
  shutdown(): Promise<void>;
}

/**
 * The exporter the standard OTEL_* variables ask for, or none. Tracing stays off unless an
 * operator points it somewhere: a fleet without a collector must not retry exports forever.
 */
function exporterFromEnv(env: NodeJS.ProcessEnv): SpanExporter | undefined {
  if (env.OTEL_SDK_DISABLED === 'true') return undefined;
  const chosen = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (chosen.includes('none')) return undefined;
  if (chosen.includes('console')) return new ConsoleSpanExporter();
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (chosen.includes('otlp') || endpoint) return new OTLPTraceExporter();
  return undefined;
}

/**
 * Starts OpenTelemetry tracing for this process when OTEL_* variables ask for it (OTLP/HTTP
 * endpoint, OTEL_TRACES_EXPORTER, OTEL_BSP_* batching, OTEL_SERVICE_NAME). Off, every span
 * below is a no-op and nothing leaves the process.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  const exporter = exporterFromEnv(env);
  if (!exporter) return { shutdown: async () => undefined };
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? service, 'service.namespace': env.WP_NAMESPACE ?? 'walletpass' }),
    // Reads OTEL_BSP_SCHEDULE_DELAY, OTEL_BSP_MAX_QUEUE_SIZE, ... itself.
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  return { shutdown: () => provider.shutdown() };
}

/** The traceparent of the span active here, to store beside work that continues elsewhere. */
export function currentTraceparent(): string | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** `{ traceparent }` of the active span, or nothing: spread it into a job or message. */
export function traceCarrier(): TraceCarrier {
  const traceparent = currentTraceparent();
  return traceparent ? { traceparent } : {};
}

/** The context a carried traceparent names (the active one when there is none). */
export function contextFrom(traceparent: string | undefined): Context {
  if (!traceparent || trace.getSpan(context.active())?.isRecording()) return context.active();
  return propagation.extract(context.active(), { traceparent });
}

/**
 * Runs `work` inside a new span, child of the active span or else of `parent` (a traceparent
 * that came with a message, a row or a job). The span ends with `work`, marked as an error
 * when it throws.
 */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; parent?: string; attributes?: Record<string, string | number | boolean> },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const tracer = trace.getTracer(TRACER);
  return tracer.startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, contextFrom(options.parent), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Starts a span the caller ends itself (an HTTP request whose end is a later hook). */
export function startSpan(name: string, options: { kind?: SpanKind; parent?: string; attributes?: Record<string, string | number | boolean> }): { span: Span; traceparent?: string } {
  const span = trace.getTracer(TRACER).startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, contextFrom(options.parent));
  const carrier: TraceCarrier = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return { span, traceparent: carrier.traceparent };
}

export { SpanKind, SpanStatusCode };
