import type { ServiceConfig } from '@wp/config';
import type { passGenerationSpec } from './config';

export type PassGenerationConfig = ServiceConfig<typeof passGenerationSpec>;

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
