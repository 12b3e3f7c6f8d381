import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Page } from '@wp/contracts';
import { Observable, map } from 'rxjs';
import { PAGINATED, RAW_RESPONSE, SUCCESS_MESSAGE, WithMessage } from './response.decorators';

/** Wraps every JSON result in the success envelope `{ status: 'success', message?, data, pagination? }`. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, targets)) return next.handle();
    const message = this.reflector.getAllAndOverride<string | undefined>(SUCCESS_MESSAGE, targets);
    const paginated = this.reflector.getAllAndOverride<boolean>(PAGINATED, targets);
    return next.handle().pipe(
      map((result: unknown) => {
        if (paginated) {
          const page = result as Page<unknown>;
          return { status: 'success', ...(message ? { message } : {}), data: page.items, pagination: { next_cursor: page.next_cursor, limit: page.limit } };
        }
        if (result instanceof WithMessage) return { status: 'success', message: result.message, data: result.data };
        return { status: 'success', ...(message ? { message } : {}), data: result };
      }),
    );
  }
}
