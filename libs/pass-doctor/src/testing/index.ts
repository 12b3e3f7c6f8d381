export { buildTestZip, zipFiles } from './zip.builder';
export type { TestZipEntry } from './zip.builder';
