import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { inlineScriptHashes } from '../lib/http/signed-out-home-scripts';

/**
 * What a `vercel build` output (`.vercel/output`, Build Output API v3) must hold for the proxy to
 * serve the signed-out home as `next start` does: its function carries the prerendered page the
 * script hashes are read from (lib/http/signed-out-home-scripts.ts), those hashes are the inline
 * scripts of the page Vercel serves (`welcome.prerender-fallback.html`), and the function stays
 * small (no AWS SDK). Pure reading of files, so it is tested on a made-up output.
 */

export type VercelOutputCheck = { check: string; answer: string; problem?: string };

type FunctionConfig = { runtime?: string; filePathMap?: Record<string, string> };

/** The page the proxy reads, relative to the project root (distDir `.next`, as Vercel builds). */
export const proxyPage = '.next/server/app/welcome.html';

const supportedRuntimes = new Set(['nodejs22.x', 'nodejs24.x']);

/**
 * A function's file, by its path in the function: copied into its folder, or mapped to a file
 * of the project (`filePathMap`, which `vercel build` writes instead of copying).
 */
function functionFile(projectDir: string, functionDir: string, config: FunctionConfig, file: string): string | undefined {
  const copied = path.join(functionDir, file);
  if (existsSync(copied)) return copied;
  const mapped = config.filePathMap?.[file];
  return mapped === undefined ? undefined : path.join(projectDir, mapped);
}

export function checkVercelOutput(projectDir: string, buildLog = ''): VercelOutputCheck[] {
  const output = path.join(projectDir, '.vercel', 'output');
  const proxyDir = path.join(output, 'functions', '_middleware.func');
  const configFile = path.join(proxyDir, '.vc-config.json');
  if (!existsSync(configFile)) return [{ check: "the proxy's function", answer: 'missing', problem: `no ${path.relative(projectDir, configFile)}` }];
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as FunctionConfig;
  const rows: VercelOutputCheck[] = [];

  rows.push({
    check: "the proxy's runtime (engines.node)",
    answer: String(config.runtime),
    problem: supportedRuntimes.has(String(config.runtime)) ? undefined : `${String(config.runtime)} is not Node 22 or 24`,
  });
  const upgrades = /will automatically upgrade when a new major Node\.js Version is released/.test(buildLog);
  rows.push({ check: 'no engines warning in the build', answer: upgrades ? 'warned' : 'none', problem: upgrades ? 'Vercel warns that engines.node upgrades across majors' : undefined });

  const page = functionFile(projectDir, proxyDir, config, proxyPage);
  const shipped = page !== undefined && existsSync(page);
  rows.push({ check: `the proxy's function ships ${proxyPage}`, answer: shipped ? 'yes' : 'no', problem: shipped ? undefined : 'the proxy would send script-src without the page\'s hashes, and the home would never hydrate' });

  const served = path.join(output, 'functions', 'welcome.prerender-fallback.html');
  const servedHashes = existsSync(served) ? inlineScriptHashes(readFileSync(served, 'utf8')) : [];
  const sentHashes = shipped ? inlineScriptHashes(readFileSync(page, 'utf8')) : [];
  const missing = servedHashes.filter((hash) => !sentHashes.includes(hash));
  rows.push({
    check: "the hashes the proxy sends match the served page's inline scripts",
    answer: `${sentHashes.length} sent, ${servedHashes.length} in the page`,
    problem:
      servedHashes.length === 0
        ? `no inline script found in ${path.relative(projectDir, served)}`
        : missing.length > 0
          ? `${missing.length} of the page's scripts would be blocked`
          : undefined,
  });

  const files = [...Object.keys(config.filePathMap ?? {})];
  const sdk = files.filter((file) => file.includes('node_modules/@aws-sdk/'));
  rows.push({ check: "the proxy's function carries no AWS SDK", answer: `${files.length} files, ${sdk.length} of @aws-sdk`, problem: sdk.length > 0 ? `${sdk.length} @aws-sdk files (lib/config must not import the lib/ses barrel)` : undefined });
  return rows;
}
