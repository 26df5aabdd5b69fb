import { describe, expect, it, vi } from 'vitest';

import type { ConfigResult } from '@/lib/config';
import { testConfig } from '@/lib/test-send/test-support';

import { withAppConfig } from './with-app-config';

const state = vi.hoisted(() => ({ config: undefined as unknown as ConfigResult }));
vi.mock('@/lib/config', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/config')>()), getConfig: () => state.config }));

describe('withAppConfig', () => {
  it('names the misconfigured variables, never their values, and does not run the handler', async () => {
    state.config = {
      ok: false,
      problems: [
        { variable: 'LOGTO_APP_SECRET', message: 'LOGTO_APP_SECRET may only contain letters', summary: 'invalid characters' },
        { variable: 'LOGTO_COOKIE_SECRET', message: 'too short', summary: 'too short' },
      ],
    };
    const handle = vi.fn(async () => new Response('ran'));
    const response = await withAppConfig(handle)(new Request('https://app.example.com/api/x', { method: 'POST' }));
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: { code: 'app_not_configured', message: expect.stringContaining('LOGTO_APP_SECRET, LOGTO_COOKIE_SECRET') },
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it('hands the request and the parsed configuration to the handler', async () => {
    const config = testConfig();
    state.config = { ok: true, config };
    const request = new Request('https://app.example.com/api/x', { method: 'POST' });
    const handle = vi.fn(async () => new Response('ran', { status: 201 }));
    expect((await withAppConfig(handle)(request)).status).toBe(201);
    expect(handle).toHaveBeenCalledWith(request, config);
  });
});
