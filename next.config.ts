import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

import { apiSecurityHeaders } from './lib/http/security-headers';
import { signedOutHomeRewrite } from './lib/http/signed-out-home';

// `npm run build:check` builds elsewhere, so it never disturbs the build the tests run.
const distDir = process.env.NEXT_DIST_DIR || '.next';

const nextConfig: NextConfig = {
  distDir,
  // Built in: the server reads the signed-out home's HTML from this build (lib/config).
  env: { BUILD_DIST_DIR: distDir },
  // A self-contained server in .next/standalone, for containers (README: Other deployment shapes),
  // only when asked for (`npm run build:standalone`): `next start` warns about a standalone build.
  ...(process.env.NEXT_OUTPUT === 'standalone' && { output: 'standalone' as const }),
  poweredByHeader: false,
  // The dev-tools badge would sit on top of the UI in screenshots and demos.
  devIndicators: false,
  // No page uses next/image: turning the optimizer off keeps /_next/image from fetching and
  // resizing images for anyone who asks.
  images: { unoptimized: true },
  // The AWS SDK and ioredis are Node libraries; keep them out of the bundle.
  serverExternalPackages: ['@aws-sdk/client-sesv2', 'ioredis'],
  // The test send reads email-templates/ at run time (lib/ses/email-templates.ts): ship it with the server.
  outputFileTracingIncludes: { '/**': ['./email-templates/*/*.json'] },
  // Before the file system, so that `/` is the prerendered page for the requests proxy.ts marks.
  async rewrites() {
    return { beforeFiles: [signedOutHomeRewrite], afterFiles: [], fallback: [] };
  },
  // Pages get their headers from proxy.ts, with a nonce; the JSON API, which the proxy skips,
  // gets its own from the same policy module (its HSTS depends on the runtime base URL, so the
  // route adds it: lib/test-send/test-send-route.ts).
  async headers() {
    return [{ source: '/api/:path*', headers: Object.entries(apiSecurityHeaders).map(([key, value]) => ({ key, value })) }];
  },
};

// next-intl reads each request's language and catalogue from lib/i18n/request.ts.
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

export default withNextIntl(nextConfig);
