export * from './tokens';
export * from './run-service';
export * from './health.controller';
