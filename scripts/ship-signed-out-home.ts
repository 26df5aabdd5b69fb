/**
 * The second step of `npm run build` (after `next build`): adds the prerendered signed-out home
 * to the proxy's trace, so that Vercel's proxy function carries the file its script hashes come
 * from, and fails the build when the page or its scripts cannot be found, instead of serving a
 * home whose scripts are all blocked (lib/http/signed-out-home-trace.ts).
 * Exit status: 0 done, 1 the build cannot serve the signed-out home.
 */
import { shipSignedOutHome } from '@/lib/http/signed-out-home-trace';

import { exitWith } from './cli';

async function main(): Promise<number> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  const result = shipSignedOutHome(process.cwd(), distDir);
  if (!result.ok) {
    console.error(`Build failed: ${result.message}`);
    return 1;
  }
  console.log(`Signed-out home: ${result.hashes.length} inline script hashes; its page is ${result.added ? 'now' : 'already'} in the proxy's trace (${distDir}/server/middleware.js.nft.json).`);
  return 0;
}

exitWith(main);
