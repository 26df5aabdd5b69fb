import { getLocale } from 'next-intl/server';
import { getTranslations } from '@/lib/i18n/server';

import { emailPreviewHtml } from '@/lib/http/email-preview';
import { chooseTemplate, renderEmail, testCode, type EmailTemplate, type TemplatePreviewLanguages, type UsageType } from '@/lib/ses';

import { EmailPreviewFrame } from './email-preview-frame';

const pill = 'rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300';

/** Plain links, so the choice works without JavaScript and each language has its own address. */
function LanguageChoice({ languages, selected, label }: Pick<TemplatePreviewLanguages, 'languages' | 'selected'> & { label: string }) {
  return (
    <nav aria-label={label} className="mb-3 flex flex-wrap gap-2 text-sm">
      {languages.map((language) => (
        <a
          key={language}
          href={`/connector?lang=${encodeURIComponent(language)}#templates-title`}
          aria-current={language === selected ? 'true' : undefined}
          data-testid={`template-language-${language}`}
          className={`rounded-lg border px-3 py-1 font-medium focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${
            language === selected
              ? 'border-indigo-600 bg-indigo-600 text-white'
              : 'border-slate-300 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100'
          }`}
        >
          {language}
        </a>
      ))}
    </nav>
  );
}

/**
 * The email each usage type sends in the chosen language, picked in Logto's order
 * (email-templates/<language>, then en, then the connector's templates) and rendered as the
 * test send renders it (code 000000). The HTML comes from the configuration, so it is shown in
 * a sandboxed frame: no scripts, no forms (it is same-origin only so that this page may measure
 * it; without scripts the mail itself can reach nothing); its style blocks carry the
 * page's style nonce (`styleNonce`), which is not its script nonce. The first preview starts open,
 * and each frame is as tall as its mail (EmailPreviewFrame).
 */
export async function ConnectorTemplates({
  templates,
  usageTypes,
  languages,
  styleNonce,
}: {
  templates: EmailTemplate[];
  usageTypes: readonly UsageType[];
  languages: TemplatePreviewLanguages;
  styleNonce?: string;
}) {
  const [t, pageLocale] = await Promise.all([getTranslations('Templates'), getLocale()]);
  return (
    <>
      {languages.languages.length > 0 && <LanguageChoice languages={languages.languages} selected={languages.selected} label={t('languageNav')} />}
      {languages.problem && (
        <p data-testid="email-templates-problem" className="mb-3 rounded-xl border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100">
          {t('problem', { problem: languages.problem })}
        </p>
      )}
      <ul className="space-y-3" lang={languages.selected}>
        {usageTypes.map((usageType, index) => {
          const found = chooseTemplate({ usageType, locale: languages.selected, fallbackLanguage: 'en', localized: languages.localized, connectorTemplates: templates });
          if (!found.ok) {
            return (
              <li key={usageType} className="rounded-xl border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900 dark:border-rose-900 dark:bg-rose-950 dark:text-rose-100">
                <strong>{usageType}</strong>: {found.message}
              </li>
            );
          }
          const { subject, html } = renderEmail(found.template, { code: testCode, locale: languages.selected });
          const { source } = found;
          const from =
            source.kind === 'localized'
              ? source.languageTag === languages.selected && source.templateType === usageType
                ? undefined
                : t('usesLocalized', { language: source.languageTag, usageType: source.templateType })
              : source.usageType === usageType
                ? t('connectorTemplate')
                : t('connectorGeneric');
          return (
            <li key={usageType} data-usage-type={usageType}>
              <details open={index === 0} className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
                <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-3 gap-y-1 rounded-xl px-4 py-3 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500">
                  <span className="font-semibold" lang="en">
                    {usageType}
                  </span>
                  {from && (
                    <span className={pill} lang={pageLocale}>
                      {from}
                    </span>
                  )}
                  <span className="w-full break-words text-sm text-slate-600 dark:text-slate-300">
                    <span lang={pageLocale}>{t('subject')}</span>
                    <span data-testid={`template-subject-${usageType}`}>{subject}</span>
                  </span>
                </summary>
                <div className="border-t border-slate-200 p-3 dark:border-slate-800">
                  <EmailPreviewFrame
                    srcDoc={emailPreviewHtml(html, styleNonce)}
                    title={t('previewTitle', { usageType, language: languages.selected })}
                    className="h-96 w-full rounded-lg border border-slate-200 bg-white dark:border-slate-700"
                  />
                </div>
              </details>
            </li>
          );
        })}
      </ul>
    </>
  );
}
