import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { checkVercelOutput, proxyPage, servedPage } from './vercel-output';

/** A made-up `vercel build` output, shaped as the real one (Build Output API v3, `filePathMap`). */
const page = (script: string) => `<!DOCTYPE html><html><head><script src="/_next/a.js"></script><script>${script}</script></head><body></body></html>`;

type Pages = { en: string; 'zh-CN': string };
const pages = (en: string, zh: string): Pages => ({ en: page(en), 'zh-CN': page(zh) });

let dir: string;

function output({
  runtime = 'nodejs24.x',
  mapped = [proxyPage('en'), proxyPage('zh-CN')],
  shipped = pages('boot()', '启动()'),
  served = pages('boot()', '启动()'),
}: { runtime?: string; mapped?: string[]; shipped?: Pages; served?: Pages } = {}) {
  dir = mkdtempSync(path.join(tmpdir(), 'vercel-output-'));
  const functions = path.join(dir, '.vercel', 'output', 'functions');
  mkdirSync(path.join(functions, '_middleware.func'), { recursive: true });
  mkdirSync(path.join(functions, 'welcome'), { recursive: true });
  mkdirSync(path.join(dir, '.next', 'server', 'app', 'welcome'), { recursive: true });
  for (const locale of ['en', 'zh-CN'] as const) {
    writeFileSync(path.join(dir, proxyPage(locale)), shipped[locale]);
    writeFileSync(path.join(functions, servedPage(locale)), served[locale]);
  }
  const filePathMap = Object.fromEntries(mapped.map((file) => [file, file]));
  writeFileSync(path.join(functions, '_middleware.func', '.vc-config.json'), JSON.stringify({ runtime, filePathMap }));
  return dir;
}

const problems = (rows: ReturnType<typeof checkVercelOutput>) => rows.filter((row) => row.problem).map((row) => row.check);

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkVercelOutput', () => {
  it('passes a proxy function that ships the page of every language whose scripts Vercel serves', () => {
    expect(problems(checkVercelOutput(output()))).toEqual([]);
  });

  it('fails when the proxy function lacks a language’s page (Next traces nothing written after compiling)', () => {
    expect(problems(checkVercelOutput(output({ mapped: [proxyPage('en'), 'node_modules/next/dist/server/base-server.js'] })))).toEqual([
      `the proxy's function ships ${proxyPage('zh-CN')}`,
      "the hashes the proxy sends in zh-CN match the served page's inline scripts",
    ]);
  });

  it('fails when a served page has scripts the shipped one does not', () => {
    expect(problems(checkVercelOutput(output({ served: pages('boot()', 'other()') })))).toEqual(["the hashes the proxy sends in zh-CN match the served page's inline scripts"]);
    // One language's hashes do not let the other's RSC payload run.
    expect(problems(checkVercelOutput(output({ shipped: pages('boot()', 'boot()') })))).toEqual(["the hashes the proxy sends in zh-CN match the served page's inline scripts"]);
  });

  it('fails an AWS SDK in the proxy, a runtime other than Node 22 or 24, and the engines warning', () => {
    const rows = checkVercelOutput(
      output({ runtime: 'nodejs20.x', mapped: [proxyPage('en'), proxyPage('zh-CN'), 'node_modules/@aws-sdk/client-sesv2/dist-cjs/index.js'] }),
      'Warning: Detected "engines": { "node": ">=20.9" } in your `package.json` that will automatically upgrade when a new major Node.js Version is released.',
    );
    expect(problems(rows)).toEqual(["the proxy's runtime (engines.node)", 'no engines warning in the build', "the proxy's function carries no AWS SDK"]);
  });
});
