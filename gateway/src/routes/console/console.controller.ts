import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/auth.decorator';
import { RawResponse } from '../../core/response.decorators';
import { ErrorEnvelope } from '../../openapi/error-envelope';
import { CONSOLE_CSP, consoleFile } from './console-files';

const HTML = { 'text/html': { schema: { type: 'string' } } };

/**
 * The operator console (contract §8.2): a single-page app built by Vite into dist/console.
 * It holds no secrets and calls the public API like any integrator; signing in happens in
 * the page, so these routes need no credentials.
 */
@ApiTags('console')
@Controller('console')
export class ConsoleController {
  @Get()
  @Public()
  @RawResponse()
  @ApiOperation({ summary: 'The operator console (HTML single-page app; sign in with an admin e-mail and password)', operationId: 'consoleApp' })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'The console', content: HTML })
  @ApiResponse({ status: 503, description: 'The console was not built (npm run build)', type: ErrorEnvelope })
  async index(@Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, '');
  }

  @Get('*')
  @Public()
  @RawResponse()
  @ApiOperation({
    summary: "A console file, or the console for one of its own pages",
    description: 'Bundle files under /console/assets/ are cached for a year (their names carry a content hash); any other path is a page of the app and answers its HTML.',
    operationId: 'consolePage',
  })
  @ApiParam({ name: 'path', schema: { type: 'string' }, description: 'A page of the console (e.g. tenants) or a bundle file (assets/...)' })
  @ApiProduces('text/html', 'text/javascript', 'text/css')
  @ApiResponse({ status: 200, description: 'The file or the console page', content: HTML })
  @ApiResponse({ status: 404, description: 'No such bundle file', type: ErrorEnvelope })
  @ApiResponse({ status: 503, description: 'The console was not built (npm run build)', type: ErrorEnvelope })
  async page(@Param('*') path: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    await this.send(reply, path ?? '');
  }

  private async send(reply: FastifyReply, relative: string): Promise<void> {
    const file = await consoleFile(relative);
    void reply
      .status(200)
      .header('content-type', file.contentType)
      .header('cache-control', file.cacheControl)
      .header('content-security-policy', CONSOLE_CSP)
      .header('referrer-policy', 'same-origin')
      .send(file.body);
  }
}

