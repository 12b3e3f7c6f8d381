export * from './retrying-fetch';
export * from './client';
