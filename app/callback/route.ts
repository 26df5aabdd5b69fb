import type { NextRequest } from 'next/server';

import { authFailurePageResponse } from '@/lib/auth/auth-failure';
import { completeSignIn } from '@/lib/auth/sign-in';
import { localeOfRequest } from '@/lib/i18n/request';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Logto sends the browser back here with the authorization code (or an error). */
export async function GET(request: NextRequest) {
  const step = await completeSignIn(request.nextUrl);
  return step.ok ? Response.redirect(step.location, 303) : authFailurePageResponse(step, await localeOfRequest());
}
