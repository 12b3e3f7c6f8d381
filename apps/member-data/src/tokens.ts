import type { ServiceConfig } from '@wp/config';
import type { memberDataSpec } from './config';

export type MemberDataConfig = ServiceConfig<typeof memberDataSpec>;
