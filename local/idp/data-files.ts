import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';

import { LocalSetupError } from '../cli';

/**
 * JSON files in the IdP's data directory (`.local/` by default). They hold private keys and
 * users' addresses, so only the owner may read them.
 */

/** The parsed file, or undefined when it does not exist yet. A damaged file is a setup error. */
export function readDataFile<T>(file: string, schema: z.ZodType<T>): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new LocalSetupError(`${file} is damaged. Delete it and the local IdP will create a new one.`);
  }
  return parsed.data;
}

/** Writes through a temporary file so a crash never leaves half a file behind. */
export function writeDataFile(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}
