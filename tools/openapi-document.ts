/**
 * Writes the gateway's OpenAPI document without a running fleet, for `npm run lint`
 * (redocly) and for generating the SDK's types:
 *   npm run build && node dist/tools/openapi-document.js dist/openapi.json
 * Nest's preview mode scans the controllers without creating providers, so no Redis,
 * Postgres or services are needed; the document is the one GET /openapi.json serves.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GatewayModule, GatewayRuntime } from '../gateway/src/app.module';
import { buildOpenApi } from '../gateway/src/openapi/openapi';

async function main(): Promise<void> {
  const target = path.resolve(process.argv[2] ?? 'dist/openapi.json');
  const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000';
  // Preview mode never instantiates these; the module only needs their slots.
  const runtime = { config: {}, redis: {}, rpc: {}, logger: {}, metrics: {} } as unknown as GatewayRuntime;
  const app = await NestFactory.create(GatewayModule.forRoot(runtime), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  const document = buildOpenApi(app, publicBaseUrl);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  console.log(`wrote ${path.relative(process.cwd(), target)} (${Object.keys(document.paths).length} paths)`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
