import { setRequestLocale } from 'next-intl/server';

import { Welcome } from '@/components/welcome';
import { asLocale } from '@/lib/i18n/locales';

/**
 * The home page of a visitor with no session, prerendered at build time in each language:
 * proxy.ts serves the one for the visitor's language for `/` when there is no session cookie, so
 * the most common request costs no rendering at all. It reads nothing of the request or the
 * configuration, and needs no script.
 */
export const dynamic = 'force-static';
export const dynamicParams = false;
export { generateStaticParams } from './layout';

export default async function WelcomePage({ params }: { params: Promise<{ locale: string }> }) {
  setRequestLocale(asLocale((await params).locale));
  return <Welcome />;
}
