import { failure, type Failure } from '@/lib/failure/failure';
import { readTenantTemplates, type TenantAccess } from '@/lib/logto-management/tenant-templates';
import { repositoryTemplateLanguages } from '@/lib/ses/email-templates';
import type { TemplateLanguages } from '@/lib/ses/send-email';
import type { TemplateSource } from '@/lib/ses/template-order';

import type { TemplatesOption, UsedTemplate } from './used-template';

/**
 * Which templates a test send chooses from, so that it mails what the tenant would: Logto's
 * order (lib/ses/template-order.ts) over the templates the tenant has. With the Management API
 * settings those are the tenant's own email templates and fallback language, then
 * AWS_SES_CONFIG's; without them only AWS_SES_CONFIG's, which is what a tenant nobody synced
 * mails. The repository's email-templates/ (the desired state `sync` writes) only when asked for,
 * to preview a change before syncing. The locale meets the tags as Logto's connector test does:
 * exactly as written.
 */

export type TemplateCandidates = {
  languages: TemplateLanguages;
  /** Whose per-language templates `languages.localized` holds. */
  localizedFrom: 'tenant' | 'repository';
  /** Said beside the result when the mail may differ from Logto's. */
  note?: string;
};

export const tenantTemplatesUnknown =
  "The tenant's own email templates are not known without the Management API settings (LOGTO_M2M_APP_ID, LOGTO_M2M_APP_SECRET): this test uses AWS_SES_CONFIG's templates, which Logto mails only for a language the tenant has no email template for.";

export const repositoryPreview = "A preview of email-templates/ (this repository): Logto mails these only once `npm run logto -- sync` has written them to the tenant.";

export async function templateCandidates(config: TenantAccess, { locale, templates }: { locale?: string; templates: TemplatesOption }): Promise<{ ok: true; candidates: TemplateCandidates } | Failure> {
  const withLocale = locale === undefined ? {} : { locale };
  if (templates === 'repository') {
    const repository = repositoryTemplateLanguages(locale);
    if (!repository.ok) return repository;
    return { ok: true, candidates: { languages: { ...repository.languages, tagMatch: 'exact' }, localizedFrom: 'repository', note: repositoryPreview } };
  }
  if (!config.managementApi) {
    return { ok: true, candidates: { languages: { localized: [], fallbackLanguage: 'en', tagMatch: 'exact', ...withLocale }, localizedFrom: 'tenant', note: tenantTemplatesUnknown } };
  }
  const tenant = await readTenantTemplates(config);
  if (!tenant.ok) {
    return failure(502, 'tenant_templates_unavailable', `The tenant's email templates could not be read, so the test cannot mail what Logto would: ${tenant.message}`, {
      hint: 'Fix the Management API settings (`npm run logto -- doctor` says what is wrong), or send with the repository\'s templates to preview them.',
      params: { reason: tenant.message },
    });
  }
  return { ok: true, candidates: { languages: { localized: tenant.localized, fallbackLanguage: tenant.fallbackLanguage, tagMatch: 'exact', ...withLocale }, localizedFrom: 'tenant' } };
}

export function usedTemplate(source: TemplateSource, localizedFrom: TemplateCandidates['localizedFrom']): UsedTemplate {
  return source.kind === 'localized'
    ? { source: localizedFrom, language: source.languageTag, usageType: source.templateType }
    : { source: 'connector config', language: null, usageType: source.usageType };
}
