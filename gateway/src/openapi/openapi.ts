import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { addOperatorAccess } from './operator-access';
import { addUniformResponses } from './uniform-responses';

/** The OpenAPI document is generated from the controllers and DTOs, so it cannot drift. */
export function buildOpenApi(app: INestApplication, publicBaseUrl: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('WalletPass API')
    .setDescription(
      'Open, self-hostable wallet-pass platform: tenants, loyalty members and points, Apple and Google Wallet passes, live updates and distribution. Errors use one envelope with a request_id.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer(publicBaseUrl)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Tenant API key: wp_ + 32 hex' }, 'apiKey')
    // Opaque tokens, not JWTs: `bearerFormat` names their prefix.
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'st_ token', description: 'Admin access token (st_...) from bootstrap or login' }, 'adminToken')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'bt_ token', description: 'Onboarding bearer token (bt_ + 32 hex)' }, 'bearerToken')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'sc_ token', description: "A till's scanner token (sc_ + 32 hex); only the /v1/scan routes take it" }, 'scannerToken')
    .build();
  return addUniformResponses(addOperatorAccess(SwaggerModule.createDocument(app, config)));
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'WalletPass API reference',
  });
}
