import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsISO8601, IsOptional, IsString, IsUUID, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { CreatePassFromMemberDto, PASS_TAG, PASS_TAG_MESSAGE, SETTABLE_PASS_STATUSES, SettablePassStatus } from './pass.dto';

/** `pass_id`, or `tag` for every pass carrying it (spec/API.md §8.7): exactly one of the two. */
const PassTarget = {
  passId: () => [
    ApiPropertyOptional({ format: 'uuid', description: 'The pass; or send `tag` instead' }),
    ValidateIf((op: { tag?: unknown; pass_id?: unknown }) => op.tag === undefined || op.pass_id !== undefined),
    IsUUID('all', { message: 'must be a pass id (uuid); or send tag instead' }),
  ],
  tag: () => [
    ApiPropertyOptional({ example: 'summer-2026', description: 'Every live pass carrying this tag when the batch is submitted, one operation each; or send `pass_id` instead' }),
    IsOptional(),
    IsString(),
    Matches(PASS_TAG, { message: PASS_TAG_MESSAGE }),
  ],
};
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((decorate) => decorate(target, key));

export const BATCH_OPS = ['create_pass', 'update_pass', 'void_pass'] as const;
export type BatchOp = (typeof BATCH_OPS)[number];

/** What a batch operation may be: a submitted op, or one row of a CSV member import (POST /v1/members/import). */
export const BATCH_OPERATION_KINDS = [...BATCH_OPS, 'import_member'] as const;
export type BatchOperationKind = (typeof BATCH_OPERATION_KINDS)[number];

/** One batch carries at most this many operations. */
export const MAX_BATCH_OPERATIONS = 10_000;

/** What an operation whose `op` is missing or unknown is validated as: only `op` is checked. */
export class BatchOperationDto {
  @ApiProperty({ enum: BATCH_OPS })
  @IsIn(BATCH_OPS, { message: `must be one of ${BATCH_OPS.join(', ')}` })
  op: BatchOp;
}

/** `create_pass`: the body of POST /v1/passes/create-from-member. */
export class CreatePassOperationDto extends CreatePassFromMemberDto {
  @ApiProperty({ enum: ['create_pass'] })
  @IsIn(['create_pass'])
  op: 'create_pass';
}

/** `update_pass`: the PATCH /v1/passes/{pass_id} body plus the pass id; at least one change. */
export class UpdatePassOperationDto {
  @ApiProperty({ enum: ['update_pass'] })
  @IsIn(['update_pass'])
  op: 'update_pass';

  @apply(PassTarget.passId())
  pass_id?: string;

  @apply(PassTarget.tag())
  tag?: string;

  // Not UpdatePassDto's @IsOptional: a change with neither field is a malformed operation,
  // so it fails the whole batch up front instead of failing later as one operation.
  @ApiPropertyOptional({ enum: SETTABLE_PASS_STATUSES, description: 'Send status, expiration_date or both' })
  @ValidateIf((op: UpdatePassOperationDto) => op.status !== undefined || op.expiration_date === undefined)
  @IsIn(SETTABLE_PASS_STATUSES, {
    message: ({ value }) => (value === undefined ? 'send status, expiration_date or both' : `must be one of ${SETTABLE_PASS_STATUSES.join(', ')}`),
  })
  status?: SettablePassStatus;

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59Z', nullable: true, type: String, description: 'ISO 8601 date-time; null clears it' })
  @ValidateIf((_op, value) => value !== null)
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  expiration_date?: string | null;
}

/** `void_pass`: POST /v1/passes/{pass_id}/void. */
export class VoidPassOperationDto {
  @ApiProperty({ enum: ['void_pass'] })
  @IsIn(['void_pass'])
  op: 'void_pass';

  @apply(PassTarget.passId())
  pass_id?: string;

  @apply(PassTarget.tag())
  tag?: string;
}

export type BatchOperation = CreatePassOperationDto | UpdatePassOperationDto | VoidPassOperationDto;

export const BATCH_OPERATION_MODELS = [CreatePassOperationDto, UpdatePassOperationDto, VoidPassOperationDto];

export class SubmitBatchDto {
  @ApiProperty({
    type: 'array',
    minItems: 1,
    maxItems: MAX_BATCH_OPERATIONS,
    description: 'Checked in full before anything runs: one malformed operation rejects the batch, naming `operations.<index>.<field>`.',
    items: {
      oneOf: BATCH_OPERATION_MODELS.map((model) => ({ $ref: getSchemaPath(model) })),
      discriminator: {
        propertyName: 'op',
        mapping: {
          create_pass: getSchemaPath(CreatePassOperationDto),
          update_pass: getSchemaPath(UpdatePassOperationDto),
          void_pass: getSchemaPath(VoidPassOperationDto),
        },
      },
    },
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'must hold at least one operation' })
  @ArrayMaxSize(MAX_BATCH_OPERATIONS, { message: `must hold at most ${MAX_BATCH_OPERATIONS.toLocaleString('en-US')} operations` })
  // ValidateNested lets null and nested arrays through; every entry must be an object.
  @IsObject({ each: true, message: 'each entry must be an object' })
  @ValidateNested({ each: true })
  @Type(() => BatchOperationDto, {
    discriminator: {
      property: 'op',
      subTypes: [
        { name: 'create_pass', value: CreatePassOperationDto },
        { name: 'update_pass', value: UpdatePassOperationDto },
        { name: 'void_pass', value: VoidPassOperationDto },
      ],
    },
    keepDiscriminatorProperty: true,
  })
  operations: BatchOperation[];
}
