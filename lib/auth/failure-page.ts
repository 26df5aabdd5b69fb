import { getConfig, publicProblemLine } from '@/lib/config';
import { htmlPageResponse } from '@/lib/http/html-page';

import type { AuthFailure } from './auth-failure';

/**
 * The error page for a failed sign-in: what happened, and a way to try again. A sign-in that
 * failed for want of settings lists each one to fix in general terms, as the pages do (the
 * detailed messages may quote values: they go to the server log only).
 */
export function failurePageResponse(failure: AuthFailure): Response {
  const problems = failure.code === 'not_configured' ? configProblems() : [];
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
    message: problems.length > 0 ? notConfiguredMessage(problems.length) : failure.message,
    items: problems.map(publicProblemLine),
    detail: `Error code: ${failure.code}`,
    links,
  });
}

const notConfiguredMessage = (count: number) =>
  `The app is missing settings it needs to sign you in: ${count === 1 ? 'this one needs' : `these ${count} need`} fixing, ` +
  "in .env.local (see .env.example) or in your host's environment variables, then restart the server.";

function configProblems() {
  const config = getConfig();
  return config.ok ? [] : config.problems;
}
