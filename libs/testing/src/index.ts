export * from './repo-root';
export * from './wait-for';
export * from './http-client';
export * from './fleet';
export * from './fixtures';
export * from './tcp-proxy';
export * from './scratch-database';
export * from './openapi-validator';
