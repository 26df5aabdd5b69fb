import type { Metadata } from 'next';
import { getTranslations } from '@/lib/i18n/server';
import { notFound } from 'next/navigation';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('NotFound');
  return { title: t('title') };
}

/**
 * Every address the app has no page for comes here, so that its 404 page (./../not-found.tsx) is
 * drawn inside this group's layout: the app's header, with who is signed in, in their language.
 */
export default function MissingPage() {
  notFound();
}
