import type { HealthRpcMap } from './health';
import type { TenantRpcMap } from './tenant/tenant.patterns';

/**
 * Every request/response pattern of the fleet with its payload and result types.
 * Later services add their maps here; the typed client accepts only these names.
 */
export type RpcMap = HealthRpcMap & TenantRpcMap;

export type Pattern = keyof RpcMap;
export type RequestOf<P extends Pattern> = RpcMap[P]['request'];
export type ResponseOf<P extends Pattern> = RpcMap[P]['response'];
