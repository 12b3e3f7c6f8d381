export * from './repo-root';
export * from './wait-for';
export * from './http-client';
export * from './fleet';
export * from './fixtures';
