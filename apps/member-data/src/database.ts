import { migrations } from './migrations';

/** The member-data schema: its entities and the migrations that build them. */
export const memberDatabase = {
  schema: 'member',
  entities: [],
  migrations,
};
