import { migrations } from './migrations';

/** The notification schema: its entities and the migrations that build them. */
export const notificationDatabase = {
  schema: 'notification',
  entities: [],
  migrations,
};
