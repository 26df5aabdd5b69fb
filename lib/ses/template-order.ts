import { findTemplate, type EmailTemplate } from './templates';
import type { UsageType } from './usage-types';

/**
 * Which template a code mail uses, in the order a real Logto 1.42 picks it (recorded in the
 * team's fixture 40; Logto's `getI18nEmailTemplate` and the AWS SES connector's lookup):
 * 1. the tenant's email template (type, locale);
 * 2. (type, the sign-in experience's fallback language);
 * 3. (Generic, fallback language);
 * 4. the connector config's template for the type, else its Generic.
 * There is deliberately no (Generic, locale) step: with only a zh-CN Generic row, a zh-CN
 * sign-in code uses the connector's SignIn template (fixture 40, case 5).
 *
 * How the locale meets a row's tag depends on the path, as in Logto: a sign-in's locale is one
 * of the languages its screens detected (any case finds the row), while the console's connector
 * test (`POST /api/connectors/:id/test`, and so this app's test send) hands its `locale` to the
 * database as written, where `zh-cn` is not `zh-CN` and the fallback language's template goes
 * (`emailTemplates.findByLanguageTagAndTemplateType`, an SQL equality; fixtures 37, 48, 49).
 */

/** One of the tenant's per-language templates (Logto's `email_templates` row, or a file of email-templates/). */
export type LocalizedTemplate = { languageTag: string; templateType: UsageType; subject: string; content: string };

export type TemplateChoice = {
  usageType: UsageType;
  /** The language the mail is for (Logto: `ui_locales`, else the browser's language); none: the fallback language. */
  locale?: string;
  fallbackLanguage: string;
  localized: readonly LocalizedTemplate[];
  connectorTemplates: readonly EmailTemplate[];
  /** `exact` on the connector test's path; any case on a sign-in's (the default). */
  tagMatch?: TagMatch;
};

export type TagMatch = 'exact' | 'any-case';

export type TemplateSource =
  | { kind: 'localized'; languageTag: string; templateType: UsageType }
  | { kind: 'connector'; usageType: UsageType };

export type ChosenTemplate =
  | { ok: true; template: EmailTemplate; source: TemplateSource }
  | { ok: false; reason: 'template_not_found'; usageType: UsageType; message: string };

const tagMatchers: Record<TagMatch, (a: string, b: string) => boolean> = {
  exact: (a, b) => a === b,
  'any-case': (a, b) => a.toLowerCase() === b.toLowerCase(),
};

export function chooseTemplate({ usageType, locale, fallbackLanguage, localized, connectorTemplates, tagMatch = 'any-case' }: TemplateChoice): ChosenTemplate {
  const sameTag = tagMatchers[tagMatch];
  const steps: [string | undefined, UsageType][] = [
    [locale, usageType],
    [fallbackLanguage, usageType],
    [fallbackLanguage, 'Generic'],
  ];
  for (const [languageTag, templateType] of steps) {
    if (languageTag === undefined) continue;
    const row = localized.find((template) => template.templateType === templateType && sameTag(template.languageTag, languageTag));
    if (row) {
      return {
        ok: true,
        template: { usageType: row.templateType, subject: row.subject, content: row.content },
        source: { kind: 'localized', languageTag: row.languageTag, templateType },
      };
    }
  }
  const found = findTemplate(connectorTemplates, usageType);
  if (!found.ok) return found;
  return { ok: true, template: found.template, source: { kind: 'connector', usageType: found.templateUsageType } };
}

export const describeTemplateSource = (source: TemplateSource) =>
  source.kind === 'localized' ? `email template ${source.languageTag}/${source.templateType}` : `the connector's ${source.usageType} template`;
