import { ArgumentMetadata, HttpException, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '@wp/contracts';
import { unstorableTextErrors } from './unstorable-text';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      message: rule === 'whitelistValidation' ? 'is not an allowed field' : message.replace(new RegExp(`^${error.property} `), ''),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Bodies, queries and path parameters holding text no service can keep (U+0000, lone
 * surrogates) are refused for every route here, naming the field, before any DTO rule runs.
 * class-transformer and validator.js throw on a few hostile shapes (a null where a
 * discriminated object belongs); such a throw is the input's fault, so a 400, not a 500.
 */
class ContractValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const errors = unstorableTextErrors(value, metadata.data ?? '');
    if (errors.length > 0) throw new DomainError('bad_request', 'Validation failed', errors);
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof DomainError || error instanceof HttpException) throw error;
      throw new DomainError('bad_request', `Malformed request ${metadata.type === 'body' ? 'body' : metadata.type}`);
    }
  }
}

/**
 * Validates bodies and queries against the contract DTOs. Unknown fields are rejected (a
 * typo such as `point` for `points` must not be silently ignored), one error per field.
 */
export function contractValidationPipe(): ValidationPipe {
  return new ContractValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const seen = new Set<string>();
      const unique = fieldErrors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)));
      return new DomainError('bad_request', 'Validation failed', unique);
    },
  });
}
