import { Controller, Type } from '@nestjs/common';
import { HealthReport, Pattern, SERVICE_DISPLAY_NAMES, ServiceName } from '@wp/contracts';
import { HealthCheck, runChecks } from '@wp/observability';
import { Rpc } from '@wp/messaging';

/** Answers `<service>.health` over the transport, for the gateway's host-routed /health. */
export function healthController(service: ServiceName, pattern: Pattern, checks: Record<string, HealthCheck>): Type<unknown> {
  const names = SERVICE_DISPLAY_NAMES[service];

  @Controller()
  class HealthController {
    @Rpc(pattern)
    async health(): Promise<HealthReport> {
      const results = await runChecks(checks);
      const healthy = Object.values(results).every((r) => r === 'up');
      return {
        status: healthy ? 'success' : 'error',
        message: healthy ? `${names.title} is healthy` : `${names.title} is degraded`,
        service: names.id,
        timestamp: new Date().toISOString(),
        checks: results,
      };
    }
  }
  return HealthController;
}
