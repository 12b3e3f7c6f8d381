/** Injection tokens for what the runtime hands every service. */
export const CONFIG = Symbol('CONFIG');
export const REDIS = Symbol('REDIS');
export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');
