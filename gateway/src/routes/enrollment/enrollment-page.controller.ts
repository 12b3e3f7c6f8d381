import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CallContext, DomainError, EnrollmentPatterns } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/auth.decorator';
import { Ctx } from '../../auth/call-context.decorator';
import { RawResponse } from '../../core/response.decorators';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { PerAddressLimit } from '../../rate-limit/rate-limit.guard';
import { writeWebReply } from '../notification/web-reply.writer';

/** A sign-up is a few short fields; anything much larger is not a person filling in a form. */
export const ENROLLMENT_BODY_LIMIT_BYTES = 16 * 1024;

const HTML = { 'text/html': { schema: { type: 'string' } } };
const ERROR_JSON = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } };

/** The posted form as the form parser left it: one string per field (a repeated field counts as not given). */
function formFields(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * The public sign-up page of an enrollment form. No credentials: the slug names the form
 * and its tenant. Both routes are limited per client address; posting, which creates
 * members and passes, much more tightly (ENROLLMENT_RATE_PER_MIN). No cookie or session:
 * a sign-up form has nothing for a forged cross-site post to abuse, and the honeypot field
 * and the limits keep bots out.
 */
@ApiTags('notification: enrollment')
@Controller('e')
export class EnrollmentPageController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':slug')
  @Public()
  @RawResponse()
  @PerAddressLimit('LINK_RATE_PER_MIN')
  @ApiOperation({ summary: 'The public sign-up form of an enrollment form (HTML, works without JavaScript)', operationId: 'enrollmentFormPage' })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'The form', content: HTML })
  @ApiResponse({ status: 404, description: 'Unknown or deleted form: a friendly HTML page', content: HTML })
  @ApiResponse({ status: 429, description: 'Too many requests from this address; see Retry-After', type: ErrorEnvelope })
  async enrollmentPage(@Ctx() ctx: CallContext, @Param('slug') slug: string, @Res() reply: FastifyReply): Promise<void> {
    writeWebReply(reply, await this.rpc.send(EnrollmentPatterns.page, ctx, { slug }));
  }

  @Post(':slug')
  @Public()
  @RawResponse()
  @HttpCode(303)
  @PerAddressLimit('ENROLLMENT_RATE_PER_MIN')
  @RouteConfig({ bodyLimit: ENROLLMENT_BODY_LIMIT_BYTES })
  @ApiOperation({
    summary: 'Sign up through the form: registers the member (or finds them by e-mail or phone), makes their passes, 303 to their Add to Wallet page',
    description:
      'A plain HTML form post. Refused input re-renders the form with the messages beside the fields and the values kept (422); ' +
      'a filled honeypot field (`website`) is refused the same way (422, a message for the whole form) and creates nothing. Bodies over 16 KiB are a 413.',
    operationId: 'submitEnrollmentForm',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        member_name: { type: 'string', example: 'Jane Doe' },
        member_email: { type: 'string', example: 'jane@example.com' },
        phone_number: { type: 'string', example: '+1 415 555 0123', description: 'With the country code; spaces, dashes and brackets are ignored' },
        consent: { type: 'string', enum: ['yes'], description: 'The consent checkbox, required when the form has consent_text' },
        website: { type: 'string', description: 'Honeypot: hidden from people, must stay empty' },
      },
    },
  })
  @ApiResponse({ status: 303, description: 'Signed up: see Other, the Add to Wallet page (/p/{token}?via=enrollment)', headers: { Location: { schema: { type: 'string' } } } })
  @ApiResponse({ status: 404, description: 'Unknown or deleted form: a friendly HTML page', content: HTML })
  @ApiResponse({ status: 413, description: 'The body is larger than a sign-up (16 KiB)', content: ERROR_JSON })
  @ApiResponse({ status: 415, description: 'Not a form post (application/x-www-form-urlencoded)', content: ERROR_JSON })
  @ApiResponse({
    status: 422,
    description: 'Invalid input: the form again, each message beside its field, the values kept; or a filled honeypot: the form again, nothing created',
    content: HTML,
  })
  @ApiResponse({ status: 429, description: 'Too many sign-ups from this address; see Retry-After', type: ErrorEnvelope })
  async enrollmentSignUp(@Ctx() ctx: CallContext, @Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      throw new DomainError('unsupported_media_type', 'Unsupported content type; post the form as application/x-www-form-urlencoded');
    }
    writeWebReply(reply, await this.rpc.send(EnrollmentPatterns.submit, ctx, { slug, params: formFields(request.body) }));
  }
}
