import { createHash } from 'node:crypto';

/** A CSP hash source for one inline block, as a browser computes it from the block's text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
