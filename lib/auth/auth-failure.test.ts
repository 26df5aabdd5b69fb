import { LogtoClientError } from '@logto/client';
import { LogtoError, LogtoRequestError, OidcError } from '@logto/js';
import { describe, expect, it, vi } from 'vitest';

import { parseAppConfig } from '@/lib/config/app-config';
import { logtoTestEnv } from '@/lib/config/test-support';

import { failureText } from '@/lib/i18n/failure-text';
import { locales } from '@/lib/i18n/locales';

import { IdpTimeoutError, authFailure, authFailureCodes, authFailurePageResponse, classifyAuthError } from './auth-failure';

const config = vi.hoisted(() => ({ env: {} as Record<string, string> }));

// The real parser, on an environment each test chooses.
vi.mock('@/lib/config', async (importOriginal) => ({ ...(await importOriginal<object>()), getConfig: () => parseAppConfig(config.env) }));

describe('classifyAuthError', () => {
  it.each([
    [new LogtoError('callback_uri_verification.error_found', new OidcError('access_denied', 'cancelled')), 'access_denied', 403],
    [new LogtoError('callback_uri_verification.error_found', new OidcError('server_error')), 'idp_error', 400],
    [new LogtoClientError('sign_in_session.not_found'), 'sign_in_expired', 400],
    [new LogtoError('callback_uri_verification.state_mismatched'), 'state_mismatch', 400],
    [new LogtoError('callback_uri_verification.missing_code'), 'invalid_callback', 400],
    [new LogtoError('unexpected_response_error'), 'token_rejected', 400],
    [new LogtoRequestError('oidc.invalid_grant', 'grant request is invalid'), 'token_rejected', 400],
    [Object.assign(new Error('signature verification failed'), { name: 'JWSSignatureVerificationFailed' }), 'id_token_invalid', 400],
    [new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }), 'idp_unreachable', 503],
    [Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }), 'idp_unreachable', 503],
    [new IdpTimeoutError('slow'), 'idp_timeout', 503],
    [new LogtoRequestError('http_error_503', '<html>maintenance</html>', new Response(null, { status: 503 })), 'idp_failing', 503],
    [new LogtoRequestError('http_error_404', 'Not Found', new Response(null, { status: 404 })), 'idp_failing', 503],
    [new LogtoRequestError('rate_limited', 'Too Many Requests', new Response(null, { status: 429 })), 'idp_failing', 503],
    [new LogtoRequestError('internal', 'boom', new Response(null, { status: 500 })), 'idp_failing', 503],
    [new LogtoError('unexpected_response_error', { error: 'server_error', error_description: 'oops' }), 'idp_failing', 503],
    [new LogtoError('unexpected_response_error', { error: 'invalid_grant' }), 'token_rejected', 400],
    [new Error('something nobody expected'), 'unexpected', 503],
    ['a string', 'unexpected', 503],
  ])('maps %o to %s (%i)', (error, code, status) => {
    expect(classifyAuthError(error)).toMatchObject({ code, status });
  });
});

describe('authFailurePageResponse', () => {
  it('lists every setting to fix, in general terms, when sign-in failed for want of configuration', async () => {
    config.env = { ...logtoTestEnv, LOGTO_APP_ID: '', LOGTO_COOKIE_SECRET: 'too-short' };
    const response = authFailurePageResponse(authFailure('not_configured'), 'en');
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
    const html = await authFailurePageResponse(authFailure('not_configured'), 'en').text();
    expect(html).toContain('The server log lists which ones to set.');
    expect(html).not.toContain('class="items"');
  });

  it('offers to try again for any other failure, with no list', async () => {
    config.env = { ...logtoTestEnv, LOGTO_APP_ID: '' };
    const response = authFailurePageResponse(authFailure('idp_unreachable'), 'en');
    const html = await response.text();
    expect(response.status).toBe(503);
    expect(html).toContain('<p class="status">Error 503</p>');
    expect(html).toContain('Error code: idp_unreachable');
    expect(html).toContain('<a class="button primary" href="/sign-in">Try again</a>');
    expect(html).not.toContain('class="items"');
  });

  it("reads a person's own cancel as a choice: no status label, no error code, a way to try again", async () => {
    config.env = logtoTestEnv;
    const response = authFailurePageResponse(authFailure('access_denied'), 'en');
    const html = await response.text();
    // Logto answered access_denied: no access was granted, and the status says so.
    expect(response.status).toBe(403);
    expect(html).toContain('<h1 id="title">Sign-in cancelled</h1>');
    expect(html).not.toMatch(/Error 403|Error code/);
    expect(html).toContain('<a class="button primary" href="/sign-in">Try again</a>');
    expect(html).toContain('<a class="button" href="/">Back to the app</a>');
  });

  it("is in the person's language, links included, and its language switch comes back to a page that shows it again", async () => {
    config.env = logtoTestEnv;
    const html = await authFailurePageResponse(authFailure('access_denied'), 'zh-CN').text();
    expect(html).toContain('<h1 id="title">已取消登录</h1>');
    expect(html).toContain('<a class="button primary" href="/sign-in">重试</a>');
    expect(html).toContain('<a class="button" href="/">返回应用</a>');
    expect(html).toContain('<input type="hidden" name="returnTo" value="/sign-in/failed?reason=access_denied">');
    expect(html).not.toContain('Sign-in cancelled');
  });

  it('counts the settings to fix in the language of the page', async () => {
    config.env = { ...logtoTestEnv, LOGTO_APP_ID: '' };
    const html = await authFailurePageResponse(authFailure('not_configured'), 'zh-CN').text();
    expect(html).toContain('以下 1 项需要修正');
    expect(html).toContain('<li>LOGTO_APP_ID: missing</li>');
  });
});

describe('the catalogues say every sign-in failure', () => {
  it.each(authFailureCodes)('%s: in English as the failure itself says it, and in every other language', (code) => {
    const shown = authFailure(code);
    expect(failureText('en', shown)).toEqual({ title: shown.title, message: shown.message });
    for (const locale of locales.filter((other) => other !== 'en')) {
      const text = failureText(locale, shown);
      expect(text.title).not.toBe(shown.title);
      expect(text.message).not.toBe(shown.message);
    }
  });
});
