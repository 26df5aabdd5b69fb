import { describe, expect, it, vi } from 'vitest';

import { parseAppConfig } from '@/lib/config/app-config';
import { logtoTestEnv } from '@/lib/config/test-support';

import { authFailure } from './auth-failure';
import { failurePageResponse } from './failure-page';

const config = vi.hoisted(() => ({ env: {} as Record<string, string> }));

// The real parser, on an environment each test chooses.
vi.mock('@/lib/config', async (importOriginal) => ({ ...(await importOriginal<object>()), getConfig: () => parseAppConfig(config.env) }));

describe('failurePageResponse', () => {
  it('lists every setting to fix, in general terms, when sign-in failed for want of configuration', async () => {
    config.env = { ...logtoTestEnv, LOGTO_APP_ID: '', LOGTO_COOKIE_SECRET: 'too-short' };
    const response = failurePageResponse(authFailure('not_configured'));
    const html = await response.text();
    expect(response.status).toBe(503);
    expect(html).toContain('these 2 need fixing');
    expect(html).toContain('<li>LOGTO_APP_ID: missing</li>');
    expect(html).toContain('<li>LOGTO_COOKIE_SECRET: shorter than 32 characters</li>');
    // The detailed messages are for the server log.
    expect(html).not.toContain('openssl rand');
    expect(html).not.toContain('Console');
    // The bad value itself is never shown.
    expect(html).not.toContain('too-short');
  });

  it('keeps the plain message when the configuration is in fact valid', async () => {
    config.env = logtoTestEnv;
    const html = await failurePageResponse(authFailure('not_configured')).text();
    expect(html).toContain('The server log lists which ones to set.');
    expect(html).not.toContain('<li>');
  });

  it('offers to try again for any other failure, with no list', async () => {
    config.env = { ...logtoTestEnv, LOGTO_APP_ID: '' };
    const response = failurePageResponse(authFailure('access_denied'));
    const html = await response.text();
    expect(response.status).toBe(403);
    expect(html).toContain('href="/sign-in"');
    expect(html).not.toContain('<li>');
  });
});
