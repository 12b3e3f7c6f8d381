export * from './tokens';
export * from './secret-box';
export * from './passwords';
