import type { NextRequest } from 'next/server';

import { getConfig } from '@/lib/config';
import { failurePageResponse } from '@/lib/failure/failure-page';
import { formField } from '@/lib/http/form-field';
import { switchLanguage } from '@/lib/i18n/language-switch';
import { localeOfRequest } from '@/lib/i18n/request';

export const dynamic = 'force-dynamic';

/** The header's language switch posts here: see lib/i18n/language-switch.ts. */
export async function POST(request: NextRequest) {
  const config = getConfig();
  const form = await request.formData().catch(() => null);
  const result = switchLanguage({
    locale: formField(form, 'locale'),
    returnTo: formField(form, 'returnTo'),
    referer: request.headers.get('referer'),
    origin: config.ok ? config.config.origin : request.nextUrl.origin,
  });
  if (!result.ok) return failurePageResponse(result, { locale: await localeOfRequest(), links: [{ href: '/', label: 'backToApp', primary: true }] });
  return new Response(null, { status: 303, headers: { location: result.location, 'set-cookie': result.cookie, 'cache-control': 'no-store' } });
}
