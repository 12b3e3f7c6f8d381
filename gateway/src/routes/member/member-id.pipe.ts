import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError, MEMBER_ID } from '@wp/contracts';

/** A member id that could never have been registered is simply not found (like UuidParam). */
@Injectable()
export class MemberIdParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!MEMBER_ID.test(value)) throw DomainError.notFound('Member');
    return value;
  }
}
