import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * `POST /v1/assets` takes multipart uploads up to ASSET_BODY_LIMIT_BYTES (5 MiB), while JSON
 * bodies stay at BODY_LIMIT_BYTES: the multipart parser streams the file and enforces its own
 * limit, so the JSON limit never applies to it and the asset limit never widens JSON.
 */
export async function registerAssetMultipart(app: NestFastifyApplication, fileLimitBytes: number): Promise<void> {
  await app.register(multipart, { limits: { fileSize: fileLimitBytes, files: 1, fields: 5, parts: 6 } });
}
