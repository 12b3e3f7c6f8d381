import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, FieldError } from '@wp/contracts';
import { nulCharacterErrors } from './nul-characters';

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
 * Bodies, queries and path parameters holding U+0000 are refused for every route here,
 * naming the field, before any DTO rule runs (and long before Postgres would refuse them).
 */
class ContractValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const errors = nulCharacterErrors(value, metadata.data ?? '');
      if (errors.length > 0) throw new DomainError('bad_request', 'Validation failed', errors);
    }
    return super.transform(value, metadata);
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
