import { htmlPageResponse } from '@/lib/http/html-page';

import type { AuthFailure } from './auth-failure';

/** The error page for a failed sign-in: what happened, and a way to try again. */
export function failurePageResponse(failure: AuthFailure): Response {
  const links =
    failure.code === 'not_configured'
      ? [{ href: '/', label: 'Back to the app', primary: true }]
      : [
          { href: '/sign-in', label: 'Try again', primary: true },
          { href: '/', label: 'Back to the app' },
        ];
  return htmlPageResponse({
    status: failure.status,
    title: failure.title,
    message: failure.message,
    detail: `Error code: ${failure.code}`,
    links,
  });
}
