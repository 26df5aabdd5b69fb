import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { welcomePath } from '../lib/http/signed-out-home';
import { inlineScriptHashes } from '../lib/http/signed-out-home-scripts';
import { locales, type Locale } from '../lib/i18n/locales';

/**
 * What a `vercel build` output (`.vercel/output`, Build Output API v3) must hold for the proxy to
 * serve the signed-out home as `next start` does: its function carries the prerendered page of
 * every language the script hashes are read from (lib/http/signed-out-home-scripts.ts), those
 * hashes are the inline scripts of the page Vercel serves in that language
 * (`welcome/<locale>.prerender-fallback.html`), and the function stays small (no AWS SDK). Pure
 * reading of files, so it is tested on a made-up output.
 */

export type VercelOutputCheck = { check: string; answer: string; problem?: string };

type FunctionConfig = { runtime?: string; filePathMap?: Record<string, string> };

/** The page the proxy reads for a language, relative to the project root (distDir `.next`, as Vercel builds). */
export const proxyPage = (locale: Locale) => `.next/server/app${welcomePath}/${locale}.html`;

/** The page Vercel serves for a language, relative to its output's `functions` folder. */
export const servedPage = (locale: Locale) => `${welcomePath.slice(1)}/${locale}.prerender-fallback.html`;

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

  for (const locale of locales) rows.push(...pageChecks(projectDir, output, proxyDir, config, locale));

  const files = [...Object.keys(config.filePathMap ?? {})];
  const sdk = files.filter((file) => file.includes('node_modules/@aws-sdk/'));
  rows.push({ check: "the proxy's function carries no AWS SDK", answer: `${files.length} files, ${sdk.length} of @aws-sdk`, problem: sdk.length > 0 ? `${sdk.length} @aws-sdk files (lib/config must not import the lib/ses barrel)` : undefined });
  return rows;
}

/** The proxy ships a language's page, and its hashes let every inline script of the page Vercel serves run. */
function pageChecks(projectDir: string, output: string, proxyDir: string, config: FunctionConfig, locale: Locale): VercelOutputCheck[] {
  const page = functionFile(projectDir, proxyDir, config, proxyPage(locale));
  const shipped = page !== undefined && existsSync(page);
  const served = path.join(output, 'functions', servedPage(locale));
  const servedHashes = existsSync(served) ? inlineScriptHashes(readFileSync(served, 'utf8')) : [];
  const sentHashes = shipped ? inlineScriptHashes(readFileSync(page, 'utf8')) : [];
  const missing = servedHashes.filter((hash) => !sentHashes.includes(hash));
  return [
    {
      check: `the proxy's function ships ${proxyPage(locale)}`,
      answer: shipped ? 'yes' : 'no',
      problem: shipped ? undefined : `the proxy would send script-src without the ${locale} page's hashes, and that home would never hydrate`,
    },
    {
      check: `the hashes the proxy sends in ${locale} match the served page's inline scripts`,
      answer: `${sentHashes.length} sent, ${servedHashes.length} in the page`,
      problem:
        servedHashes.length === 0
          ? `no inline script found in ${path.relative(projectDir, served)}`
          : missing.length > 0
            ? `${missing.length} of the page's scripts would be blocked`
            : undefined,
    },
  ];
}
