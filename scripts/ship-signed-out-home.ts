/**
 * The second step of `npm run build` (after `next build`): adds the prerendered signed-out home
 * of every language to the proxy's trace, so that Vercel's proxy function carries the files its
 * script hashes come from, and fails the build when a page or its scripts cannot be found,
 * instead of serving a home whose scripts are all blocked (lib/http/signed-out-home-trace.ts).
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
  const pages = Object.entries(result.hashes).map(([locale, hashes]) => `${locale} ${hashes.length}`);
  const trace = result.added.length > 0 ? `added ${result.added.join(', ')} to` : 'its pages are already in';
  console.log(`Signed-out home: inline script hashes per language: ${pages.join(', ')}; ${trace} the proxy's trace (${distDir}/server/middleware.js.nft.json).`);
  return 0;
}

exitWith(main);
