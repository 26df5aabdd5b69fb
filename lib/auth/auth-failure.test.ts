import { LogtoClientError } from '@logto/client';
import { LogtoError, LogtoRequestError, OidcError } from '@logto/js';
import { describe, expect, it } from 'vitest';

import { IdpTimeoutError, classifyAuthError } from './auth-failure';

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
