export * from './bus/bus-seal';
export * from './bus/bus-keys';
export * from './call-scope';
export * from './call-commit.guard';
export * from './streams.server';
export * from './streams.client';
export * from './rpc-client';
export * from './rpc-handler';
