import multipart, { type MultipartFile } from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from '@wp/contracts';
import type { FastifyRequest } from 'fastify';

/**
 * `POST /v1/assets` takes multipart uploads up to ASSET_BODY_LIMIT_BYTES (5 MiB), while JSON
 * bodies stay at BODY_LIMIT_BYTES: the multipart parser streams the file and enforces its own
 * limit, so the JSON limit never applies to it and the asset limit never widens JSON.
 *
 * Busboy is allowed one byte more than the limit: a file of exactly the limit then arrives
 * whole and untruncated, and anything longer is visibly over it (a cap of exactly the limit
 * would truncate a longer file to a length that looks allowed).
 */
export async function registerAssetMultipart(app: NestFastifyApplication, fileLimitBytes: number): Promise<void> {
  await app.register(multipart, { limits: { fileSize: fileLimitBytes + 1, files: 1, fields: 5, parts: 6 } });
}

export interface Upload {
  filename: string;
  bytes: Buffer;
}

/**
 * The one file of a multipart upload, read whole. Over the limit is a 413 whether busboy
 * flagged the part as truncated or the bytes say so (the flag can be set only after the
 * last chunk was handed over); a body busboy cannot parse is the client's 400, not a 500.
 */
export async function readUpload(request: FastifyRequest, field: string, limitBytes: number): Promise<Upload> {
  let file: MultipartFile | undefined;
  let bytes: Buffer;
  try {
    file = await request.file();
    if (!file || file.fieldname !== field) throw DomainError.invalid(field, `is required: a multipart file field named "${field}"`);
    bytes = await file.toBuffer();
  } catch (error) {
    throw uploadError(error);
  }
  if (file.file.truncated || bytes.length > limitBytes) throw tooLarge(limitBytes);
  return { filename: file.filename ?? '', bytes };
}

function tooLarge(limitBytes: number): DomainError {
  return new DomainError('payload_too_large', `The file is larger than ${limitBytes} bytes`);
}

function uploadError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  // @fastify/multipart's own limit errors (file size, parts, files) carry 413.
  if (status === 413) return new DomainError('payload_too_large', 'Request body is too large');
  // Everything else busboy raises is a malformed body: no boundary, cut short, bad headers.
  return new DomainError('bad_request', 'Malformed multipart body');
}
