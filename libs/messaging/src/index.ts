export * from './namespaced-redis.transport';
export * from './rpc-client';
export * from './rpc-handler';
