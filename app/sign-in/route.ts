import type { NextRequest } from 'next/server';

import { authFailurePageResponse } from '@/lib/auth/auth-failure';
import { followSignInLink } from '@/lib/auth/sign-in';
import { localeOfRequest } from '@/lib/i18n/request';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * A link form of sign-in, for protected pages and "try again" links:
 * `/sign-in?returnTo=/account` (and `&mode=signUp` for registration, `&lang=zh-CN` for Logto's
 * language, sent as `ui_locales`). Someone signed in is
 * sent on to the return address rather than signed in again.
 */
export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const step = await followSignInLink({
    mode: params.get('mode') === 'signUp' ? 'signUp' : 'signIn',
    returnTo: params.get('returnTo'),
    lang: params.get('lang'),
  });
  return step.ok ? Response.redirect(step.location, 303) : authFailurePageResponse(step, await localeOfRequest());
}
