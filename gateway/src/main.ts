import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@wp/config';
import { RpcClient } from '@wp/messaging';
import { PinoNestLogger, SpanKind, SpanStatusCode, createLogger, createMetrics, startOpsServer, startSpan, startTracing } from '@wp/observability';
import type { Span } from '@opentelemetry/api';
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { GatewayModule } from './app.module';
import { runClusterPrimary } from './cluster-primary';
import { recordOperatorOutcomes } from './audit/operator-audit.hook';
import type { GatewayRequest } from './core/request';
import { gatewaySpec } from './config';
import { envelopeClientErrorHandler, hardenHttpEdge } from './core/http-edge';
import { buildOpenApi, serveOpenApi } from './openapi/openapi';
import { registerAssetMultipart } from './routes/pass/asset-multipart';
import { applyRouteBodyLimits } from './routes/pass/route-body-limit';
import { registerTwilioFormParser } from './routes/notification/twilio-form.parser';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

async function main(): Promise<void> {
  const config = loadConfig(gatewaySpec);
  const tracing = startTracing('gateway');
  const logger = createLogger('gateway', config.LOG_LEVEL);
  // Before the transport client connects (and logs), so every line is JSON.
  Logger.overrideLogger(new PinoNestLogger(logger));
  const metrics = createMetrics('gateway');
  let stopping = false;
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true, connectionName: `${config.WP_NAMESPACE}:gateway` });
  await redis.connect();
  const rpc = new RpcClient({
    namespace: config.WP_NAMESPACE,
    redisUrl: config.REDIS_URL,
    timeoutMs: config.RPC_TIMEOUT_MS,
    masterKey: config.masterKey,
    livenessMs: config.RPC_LIVENESS_MS,
  });
  await rpc.connect();

  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    clientErrorHandler: envelopeClientErrorHandler,
    // Echo a caller's X-Request-Id when it is sane; otherwise mint one.
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot({ config, redis, rpc, logger, metrics }), adapter, {
    logger: new PinoNestLogger(logger),
    // Nest's parsers would accept form bodies on every route; JSON stays Fastify's own parser.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // JSON only: a text/plain body is a 415, not a string handed to validation.
  fastify.removeContentTypeParser(['text/plain']);
  registerTwilioFormParser(fastify);
  hardenHttpEdge(fastify);
  await registerAssetMultipart(app, config.ASSET_BODY_LIMIT_BYTES);
  applyRouteBodyLimits(fastify);
  // One server span per request, continuing a caller's traceparent; its RPCs carry it on.
  const spans = new WeakMap<object, Span>();
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    const given = request.headers.traceparent;
    const { span, traceparent } = startSpan(`HTTP ${request.method}`, {
      kind: SpanKind.SERVER,
      parent: typeof given === 'string' ? given : undefined,
      attributes: { 'http.request.method': request.method, 'wp.request_id': request.id },
    });
    if (!span.isRecording()) return;
    spans.set(request, span);
    (request as GatewayRequest).traceparent = traceparent;
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/v1/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
  recordOperatorOutcomes(fastify, rpc, logger);
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const span = spans.get(request);
    if (span) {
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': reply.statusCode });
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    metrics.requests.observe({ route: `${request.method} ${route}`, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    logger.info({ request_id: request.id, method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  // Errors Fastify raises before a handler runs (body size, content type, malformed JSON)
  // need no handler here: Nest installs its own at init, which passes them to HttpErrorFilter.

  serveOpenApi(app, buildOpenApi(app, config.PUBLIC_BASE_URL));
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  const ops = await startOpsServer({
    port: config.OPS_PORT,
    host: config.OPS_HOST,
    service: 'gateway',
    registry: metrics.registry,
    checks: {
      redis: async () => void (await redis.ping()),
      // Readiness turns false first on SIGTERM, so a load balancer stops sending before the drain.
      accepting: async () => {
        if (stopping) throw new Error('draining');
      },
    },
  });
  logger.info({ port: config.PORT, opsPort: ops.port, namespace: config.WP_NAMESPACE, worker: process.env.GATEWAY_WORKER_INDEX ?? '0' }, 'gateway ready');

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS).unref();
    await app.close(); // stops accepting, lets in-flight requests finish
    await ops.close();
    await rpc.close();
    await redis.quit();
    await tracing.shutdown().catch(() => undefined);
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

// Workers are validated by main(); the primary only needs the count to fork them.
const workers = Number(process.env.GATEWAY_WORKERS ?? 1);
if (cluster.isPrimary && Number.isInteger(workers) && workers > 1) runClusterPrimary(workers);
else void main();
