import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { checkVercelOutput, proxyPage } from './vercel-output';

/** A made-up `vercel build` output, shaped as the real one (Build Output API v3, `filePathMap`). */
const page = (script: string) => `<!DOCTYPE html><html><head><script src="/_next/a.js"></script><script>${script}</script></head><body></body></html>`;

let dir: string;

function output({ runtime = 'nodejs24.x', mapped = [proxyPage], shipped = page('boot()'), served = page('boot()') }: { runtime?: string; mapped?: string[]; shipped?: string; served?: string } = {}) {
  dir = mkdtempSync(path.join(tmpdir(), 'vercel-output-'));
  const functions = path.join(dir, '.vercel', 'output', 'functions');
  mkdirSync(path.join(functions, '_middleware.func'), { recursive: true });
  mkdirSync(path.join(dir, '.next', 'server', 'app'), { recursive: true });
  writeFileSync(path.join(dir, proxyPage), shipped);
  writeFileSync(path.join(functions, 'welcome.prerender-fallback.html'), served);
  const filePathMap = Object.fromEntries(mapped.map((file) => [file, file]));
  writeFileSync(path.join(functions, '_middleware.func', '.vc-config.json'), JSON.stringify({ runtime, filePathMap }));
  return dir;
}

const problems = (rows: ReturnType<typeof checkVercelOutput>) => rows.filter((row) => row.problem).map((row) => row.check);

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkVercelOutput', () => {
  it("passes a proxy function that ships the page whose scripts Vercel serves", () => {
    expect(problems(checkVercelOutput(output()))).toEqual([]);
  });

  it('fails when the proxy function lacks the page (Next traces nothing written after compiling)', () => {
    expect(problems(checkVercelOutput(output({ mapped: ['node_modules/next/dist/server/base-server.js'] })))).toEqual([
      `the proxy's function ships ${proxyPage}`,
      "the hashes the proxy sends match the served page's inline scripts",
    ]);
  });

  it('fails when the served page has scripts the shipped one does not', () => {
    expect(problems(checkVercelOutput(output({ served: page('other()') })))).toEqual(["the hashes the proxy sends match the served page's inline scripts"]);
  });

  it('fails an AWS SDK in the proxy, a runtime other than Node 22 or 24, and the engines warning', () => {
    const rows = checkVercelOutput(output({ runtime: 'nodejs20.x', mapped: [proxyPage, 'node_modules/@aws-sdk/client-sesv2/dist-cjs/index.js'] }), 'Warning: Detected "engines": { "node": ">=20.9" } in your `package.json` that will automatically upgrade when a new major Node.js Version is released.');
    expect(problems(rows)).toEqual(["the proxy's runtime (engines.node)", 'no engines warning in the build', "the proxy's function carries no AWS SDK"]);
  });
});
