import type { NextRequest } from 'next/server';

import { authFailure, authFailurePageResponse, isAuthFailureCode } from '@/lib/auth/auth-failure';
import { localeOfRequest } from '@/lib/i18n/request';

export const dynamic = 'force-dynamic';

/** Where sign-in server actions send the browser when they fail, so the page keeps its status. */
export async function GET(request: NextRequest) {
  const reason = request.nextUrl.searchParams.get('reason');
  // A reason no failure produces was typed or forged, not the result of a sign-in: a 400.
  const failure = isAuthFailureCode(reason) ? authFailure(reason) : { ...authFailure('unexpected'), status: 400 };
  return authFailurePageResponse(failure, await localeOfRequest());
}
