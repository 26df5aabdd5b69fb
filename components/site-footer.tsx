import { getTranslations } from '@/lib/i18n/server';

const linkStyle = 'underline decoration-slate-400 underline-offset-2 hover:text-slate-900 dark:hover:text-white';

export async function SiteFooter() {
  const t = await getTranslations('Footer');
  return (
    <footer className="border-t border-slate-200 px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
      {t.rich('credits', {
        logto: (chunks) => <a className={linkStyle} href="https://logto.io">{chunks}</a>,
        ses: (chunks) => <a className={linkStyle} href="https://aws.amazon.com/ses/">{chunks}</a>,
      })}
    </footer>
  );
}
