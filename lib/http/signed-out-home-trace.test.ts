import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { shipSignedOutHome } from './signed-out-home-trace';

let root: string;

function build({ page, trace = { version: 1, files: ['../webpack-runtime.js'] } }: { page?: string; trace?: object }) {
  root = mkdtempSync(path.join(tmpdir(), 'ship-home-'));
  mkdirSync(path.join(root, '.next', 'server', 'app'), { recursive: true });
  if (page !== undefined) writeFileSync(path.join(root, '.next', 'server', 'app', 'welcome.html'), page);
  writeFileSync(path.join(root, '.next', 'server', 'middleware.js.nft.json'), JSON.stringify(trace));
}

const traced = () => (JSON.parse(readFileSync(path.join(root, '.next', 'server', 'middleware.js.nft.json'), 'utf8')) as { files: string[] }).files;

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('shipSignedOutHome', () => {
  it("adds the page to the proxy's trace once, keeping what Next traced", () => {
    build({ page: '<html><script>boot()</script></html>' });
    expect(shipSignedOutHome(root, '.next')).toMatchObject({ ok: true, added: true, hashes: [expect.stringMatching(/^'sha256-/)] });
    expect(traced()).toEqual(['../webpack-runtime.js', 'app/welcome.html']);
    expect(shipSignedOutHome(root, '.next')).toMatchObject({ ok: true, added: false });
    expect(traced()).toEqual(['../webpack-runtime.js', 'app/welcome.html']);
  });

  it('refuses a build without the page, or whose page has no inline script', () => {
    build({});
    expect(shipSignedOutHome(root, '.next')).toMatchObject({ ok: false, message: expect.stringContaining('.next/server/app/welcome.html) is missing') });
    rmSync(root, { recursive: true, force: true });
    build({ page: '<html><script src="/a.js"></script></html>' });
    expect(shipSignedOutHome(root, '.next')).toMatchObject({ ok: false, message: expect.stringContaining('no inline script') });
  });
});
