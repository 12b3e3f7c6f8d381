import type { Rpc } from './rpc';

export interface HealthReport {
  status: 'success' | 'error';
  message: string;
  service: string;
  timestamp: string;
  checks: Record<string, 'up' | 'down'>;
}

export const SERVICE_NAMES = ['tenant-management', 'member-data', 'pass-generation', 'notification'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** The Host label of the seed's four base URLs, mapped to the service that answers /health. */
export const HOST_LABEL_SERVICE: Record<string, ServiceName> = {
  tenant: 'tenant-management',
  member: 'member-data',
  generate: 'pass-generation',
  notification: 'notification',
};

export const SERVICE_DISPLAY_NAMES: Record<ServiceName, { id: string; title: string }> = {
  'tenant-management': { id: 'tenant-management-service', title: 'Tenant Management Service' },
  'member-data': { id: 'member-data-service', title: 'Member Data Service' },
  'pass-generation': { id: 'pass-generation-service', title: 'Pass Generation Service' },
  notification: { id: 'notification-service', title: 'Notification Service' },
};

// Do not change the values: they are channel names on the Redis transport.
export const HealthPatterns = {
  'tenant-management': 'tenant.health',
  'member-data': 'member.health',
  'pass-generation': 'pass.health',
  notification: 'notification.health',
} as const satisfies Record<ServiceName, string>;

export type HealthRpcMap = {
  [K in (typeof HealthPatterns)[ServiceName]]: Rpc<Record<string, never>, HealthReport>;
};
