export * from './data-source';
export * from './keyset-page';
export * from './like';
