export * from './env-spec';
export * from './master-key';
export * from './fleet-config';
export * from './load-config';
