import { createTranslator } from 'next-intl';

import { getConfig, publicProblemLine } from '@/lib/config';
import { failure, type Failure } from '@/lib/failure/failure';
import { failurePageResponse } from '@/lib/failure/failure-page';
import { classifyNetworkError } from '@/lib/failure/network-error';
import type { Locale } from '@/lib/i18n/locales';
import { messagesFor } from '@/lib/i18n/messages';

/**
 * Turns whatever the Logto SDK or the network threw during sign-in into an answer a person can
 * act on. Each failure has a stable code (shown on the error page and used in its URL) and a
 * 4xx or 503 status: none of these is a bug of ours, so none becomes a 500.
 */

export type AuthFailureCode =
  | 'access_denied'
  | 'idp_error'
  | 'sign_in_expired'
  | 'state_mismatch'
  | 'invalid_callback'
  | 'token_rejected'
  | 'id_token_invalid'
  | 'idp_unreachable'
  | 'idp_timeout'
  | 'idp_failing'
  | 'session_too_large'
  | 'not_configured'
  | 'invalid_language'
  | 'unexpected';

export type AuthFailure = Failure<AuthFailureCode> & { title: string };

type AuthFailureText = { status: number; title: string; message: string };

const failures: Record<AuthFailureCode, AuthFailureText> = {
  access_denied: {
    status: 403,
    title: 'Sign-in cancelled',
    message: 'The sign-in was cancelled, so you are not signed in. You can start again whenever you are ready.',
  },
  idp_error: {
    status: 400,
    title: 'The sign-in service reported an error',
    message: 'Logto could not complete the sign-in. Start again; if it keeps happening, check the application settings in the Logto console.',
  },
  sign_in_expired: {
    status: 400,
    title: 'This sign-in link has expired',
    message: 'This page was opened without a sign-in in progress (it may have been used already, opened in another browser, or started on another address of this app). Start again from here.',
  },
  state_mismatch: {
    status: 400,
    title: 'This sign-in does not match your browser',
    message: 'The answer from the sign-in service does not belong to the sign-in started in this browser, so it was refused. Start again from the app.',
  },
  invalid_callback: {
    status: 400,
    title: 'This sign-in answer is incomplete',
    message: 'The sign-in service sent back an answer without the expected code. Start again from the app.',
  },
  token_rejected: {
    status: 400,
    title: 'The sign-in code was refused',
    message: 'Logto refused to exchange the sign-in code: it may have expired or been used already. Start again from the app.',
  },
  id_token_invalid: {
    status: 400,
    title: 'The identity could not be verified',
    message: 'The ID token from the sign-in service failed verification (signature, issuer, audience or time). Check that the server clock is right and that LOGTO_ENDPOINT and LOGTO_APP_ID match the Logto console.',
  },
  idp_unreachable: {
    status: 503,
    title: 'The sign-in service is unreachable',
    message: 'The app could not reach Logto. Try again in a moment; if it keeps happening, check LOGTO_ENDPOINT and that the service is up.',
  },
  idp_timeout: {
    status: 503,
    title: 'The sign-in service is not answering',
    message: 'Logto took too long to answer, so the sign-in was stopped instead of hanging. Try again in a moment.',
  },
  idp_failing: {
    status: 503,
    title: 'The sign-in service is failing',
    message: "Logto answered with an error instead of signing you in. Try again in a moment; if it keeps happening, check Logto's status and that LOGTO_ENDPOINT is your tenant's endpoint.",
  },
  session_too_large: {
    status: 503,
    title: 'Your session is too large to keep',
    message: 'You signed in, but the session Logto returned does not fit in a browser cookie, so you would be signed out again at once. Nothing is wrong with your account: the app asks Logto for more than fits. The server log tells the administrator what to change.',
  },
  unexpected: {
    status: 503,
    title: 'Sign-in could not be completed',
    message: 'Something went wrong while talking to the sign-in service. Try again; if it keeps happening, the server log has the details.',
  },
  invalid_language: {
    status: 400,
    title: 'This sign-in language is not valid',
    message: 'The "lang" of this sign-in link must be a language tag such as en, zh-CN or pt-BR. Start again without it, or with a valid one.',
  },
  not_configured: {
    status: 503,
    title: 'Sign-in is not configured',
    message: 'The app is missing settings it needs to sign you in. The server log lists which ones to set.',
  },
};

export const authFailureCodes = Object.keys(failures) as AuthFailureCode[];

export const isAuthFailureCode = (value: unknown): value is AuthFailureCode =>
  typeof value === 'string' && Object.hasOwn(failures, value);

/** The page that explains a failure, with its status, for redirects that cannot carry one. */
export const failurePath = (code: AuthFailureCode) => `/sign-in/failed?reason=${code}`;

export function authFailure(code: AuthFailureCode): AuthFailure {
  const { status, title, message } = failures[code];
  return { ...failure(status, code, message), title };
}

/** Raised by our own deadline around calls to the identity provider. */
export class IdpTimeoutError extends Error {
  override name = 'IdpTimeoutError';
}

type ErrorLike = { name?: unknown; code?: unknown; data?: unknown; cause?: unknown; message?: unknown };

/**
 * Logto, or a gateway in front of it, failing as a whole rather than refusing this sign-in: a
 * 5xx, a rate limit, an answer that is not Logto's JSON (the SDK calls those `http_error_<status>`),
 * or an OIDC `server_error`.
 */
function isIdpFailing(error: ErrorLike): boolean {
  if (error.name === 'LogtoRequestError') {
    const status = (error.cause as { status?: unknown } | undefined)?.status;
    return /^(http_error_\d+|rate_limited)$/.test(String(error.code)) || (typeof status === 'number' && status >= 500);
  }
  const oidcError = (error.data as { error?: unknown } | undefined)?.error;
  return error.code === 'unexpected_response_error' && (oidcError === 'server_error' || oidcError === 'temporarily_unavailable');
}

export function classifyAuthError(thrown: unknown): AuthFailure {
  const error = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as ErrorLike;
  if (error instanceof IdpTimeoutError) return authFailure('idp_timeout');
  // A connection that timed out is as unreachable as a refused one; `idp_timeout` is our own deadline.
  if (classifyNetworkError(error)) return authFailure('idp_unreachable');
  if (isIdpFailing(error)) return authFailure('idp_failing');
  const code = String(error.code ?? '');
  switch (code) {
    case 'sign_in_session.not_found':
    case 'sign_in_session.invalid':
      return authFailure('sign_in_expired');
    case 'callback_uri_verification.state_mismatched':
      return authFailure('state_mismatch');
    case 'callback_uri_verification.missing_state':
    case 'callback_uri_verification.missing_code':
    case 'callback_uri_verification.redirect_uri_mismatched':
      return authFailure('invalid_callback');
    case 'callback_uri_verification.error_found': {
      const oidcError = (error.data as { error?: unknown } | undefined)?.error;
      return authFailure(oidcError === 'access_denied' ? 'access_denied' : 'idp_error');
    }
    case 'unexpected_response_error':
      return authFailure('token_rejected');
    case 'id_token.invalid_iat':
    case 'id_token.invalid_token':
      return authFailure('id_token_invalid');
  }
  if (error.name === 'LogtoRequestError') return authFailure('token_rejected');
  // jose, which verifies the ID token, names its errors JWT*/JWS*/JWK*.
  if (typeof error.name === 'string' && /^(JWT|JWS|JWK|JOSE)/.test(error.name)) return authFailure('id_token_invalid');
  return authFailure('unexpected');
}

/**
 * The error page for a failed sign-in, in the person's language: what happened, and a way to try
 * again. A person's own cancel reads as a choice, not an error (no status label, no error code);
 * it keeps the 403 of the `access_denied` Logto answered with, as no access was granted. A
 * sign-in that failed for want of settings lists each one to fix in general terms, as the pages
 * do (the detailed messages may quote values: they go to the server log only). The language
 * switch comes back to `/sign-in/failed`, which shows the same page again: the callback's own
 * address cannot be used twice.
 */
export function authFailurePageResponse(failure: AuthFailure, locale: Locale): Response {
  const returnTo = failurePath(failure.code);
  if (failure.code !== 'not_configured') {
    return failurePageResponse(failure, {
      locale,
      returnTo,
      calm: failure.code === 'access_denied',
      links: [
        { href: '/sign-in', label: 'tryAgain', primary: true },
        { href: '/', label: 'backToApp' },
      ],
    });
  }
  const problems = configProblems();
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'ErrorPage' });
  return failurePageResponse(failure, {
    locale,
    returnTo,
    links: [{ href: '/', label: 'backToApp', primary: true }],
    items: problems.map(publicProblemLine),
    message: problems.length > 0 ? t('notConfiguredCount', { count: problems.length }) : undefined,
  });
}

function configProblems() {
  const config = getConfig();
  return config.ok ? [] : config.problems;
}
