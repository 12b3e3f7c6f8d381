import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { CallContext } from '@wp/contracts';
import type { GatewayRequest } from '../core/request';

/** The context the credential guard built for this request. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): CallContext => {
  const request = context.switchToHttp().getRequest<GatewayRequest>();
  if (!request.callContext) throw new Error('CredentialGuard did not run');
  return request.callContext;
});
