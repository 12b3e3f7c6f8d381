import type { ServiceConfig } from '@wp/config';
import type { gatewaySpec } from '../config';

export const CONFIG = Symbol('CONFIG');
export const REDIS = Symbol('REDIS');
export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');

export type GatewayConfig = ServiceConfig<typeof gatewaySpec>;
