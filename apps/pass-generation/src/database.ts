import { migrations } from './migrations';

/** The pass-generation schema: its entities and the migrations that build them. */
export const passDatabase = {
  schema: 'pass',
  entities: [],
  migrations,
};
