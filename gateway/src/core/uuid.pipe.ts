import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@wp/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that cannot exist is simply not found (never a 400 that hints at the format). */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly what = 'Resource') {}

  transform(value: string): string {
    if (!UUID.test(value)) throw DomainError.notFound(this.what);
    return value.toLowerCase();
  }
}
