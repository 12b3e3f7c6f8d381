import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './env-spec';

/** 32 bytes, given as 64 hex characters or as base64. */
export function decodeMasterKey(raw: string, name = 'MASTER_KEY'): Buffer {
  const trimmed = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new ConfigError(name, 'must be 32 bytes, as 64 hex characters or base64');
  return key;
}

/**
 * In development the key lives in a git-ignored file, made on first use. Five processes
 * start at once, so the file is written under a temporary name and hard-linked into
 * place: exactly one creator wins and every other process reads the winner's key.
 */
export function loadOrCreateDevMasterKey(file: string): Buffer {
  try {
    return decodeMasterKey(readFileSync(file, 'utf8'), `MASTER_KEY (from ${file})`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return decodeMasterKey(readFileSync(file, 'utf8'), `MASTER_KEY (from ${file})`);
}
