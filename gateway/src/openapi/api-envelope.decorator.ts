import { Type, applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorEnvelope } from './error-envelope';

/** Documents a route's success envelope around its data type, plus the 400 every route can give. */
export function ApiEnvelope(model: Type<unknown> | null, opts: { status?: number; paginated?: boolean; array?: boolean; description?: string } = {}) {
  const status = opts.status ?? 200;
  const data = model
    ? opts.paginated || opts.array
      ? { type: 'array', items: { $ref: getSchemaPath(model) } }
      : { $ref: getSchemaPath(model) }
    : { type: 'object' };
  return applyDecorators(
    ...(model ? [ApiExtraModels(model)] : []),
    ApiExtraModels(ErrorEnvelope),
    ApiResponse({
      status,
      description: opts.description ?? 'Success',
      schema: {
        type: 'object',
        required: ['status', 'data'],
        properties: {
          status: { type: 'string', enum: ['success'] },
          message: { type: 'string' },
          data,
          ...(opts.paginated
            ? {
                pagination: {
                  type: 'object',
                  properties: { next_cursor: { type: 'string', nullable: true }, limit: { type: 'integer' } },
                },
              }
            : {}),
        },
      },
    }),
    ApiBadRequestResponse({ description: 'Validation failed or malformed request', type: ErrorEnvelope }),
  );
}
