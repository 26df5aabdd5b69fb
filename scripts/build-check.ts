/**
 * `npm run build:check`: proves the app builds as it would on Vercel: NODE_ENV=production, an
 * https base URL, and real-looking Logto and SES settings (none of them real). It builds into
 * .next-build-check, so it never disturbs the build the tests run, then checks that the
 * settings validate, that the signed-out home's script hashes can be found in every language
 * (and its pages go into the proxy's trace, as `npm run build` does) and that nothing was built
 * for the Edge runtime (the AWS SDK needs Node).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseAppConfig } from '../lib/config/app-config';
import { shipSignedOutHome } from '../lib/http/signed-out-home-trace';
import { defaultLocalConnectorConfig } from '../lib/ses';

const distDir = '.next-build-check';

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

const productionLike = {
  NODE_ENV: 'production' as const,
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_DIST_DIR: distDir,
  LOGTO_ENDPOINT: 'https://tenant-example.logto.app',
  LOGTO_APP_ID: token(12),
  LOGTO_APP_SECRET: token(24),
  LOGTO_BASE_URL: 'https://app.example.com',
  LOGTO_COOKIE_SECRET: token(32),
  AWS_SES_CONFIG: JSON.stringify(
    defaultLocalConnectorConfig({
      accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
      accessKeySecret: token(30),
      region: 'eu-west-1',
      emailAddress: 'Example <no-reply@example.com>',
    }),
  ),
  TEST_SEND_ALLOWED_EMAILS: 'admin@example.com',
};

function fail(message: string): never {
  console.error(`build:check failed: ${message}`);
  process.exit(1);
}

const config = parseAppConfig(productionLike);
if (!config.ok) fail(`the production-like settings do not validate: ${config.problems.map((problem) => problem.variable).join(', ')}`);
if (!config.config.logto.cookieSecure) fail('an https base URL must make the session cookie Secure');

const build = spawnSync(path.join('node_modules', '.bin', 'next'), ['build'], { stdio: 'inherit', env: { ...process.env, ...productionLike } });
if (build.status !== 0) fail(`next build exited with ${build.status}`);

// What `npm run build` does next: the signed-out home's pages into the proxy's trace, or no build.
const home = shipSignedOutHome(process.cwd(), distDir);
if (!home.ok) fail(home.message);

const manifest = JSON.parse(readFileSync(path.join(distDir, 'server', 'middleware-manifest.json'), 'utf8')) as {
  middleware: Record<string, unknown>;
  functions: Record<string, unknown>;
};
const edge = [...Object.keys(manifest.middleware), ...Object.keys(manifest.functions)];
if (edge.length > 0) fail(`built for the Edge runtime, where the AWS SDK does not run: ${edge.join(', ')}`);

console.log(
  `build:check passed: next build succeeds with NODE_ENV=production and an https base URL; the signed-out home's script hashes are found (${Object.entries(home.hashes)
    .map(([locale, hashes]) => `${locale} ${hashes.length}`)
    .join(', ')}) and its pages are in the proxy's trace; nothing runs on the Edge runtime (${distDir}).`,
);
