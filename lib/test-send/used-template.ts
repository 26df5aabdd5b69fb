import type { UsageType } from '@/lib/ses/usage-types';

/**
 * How a test send names its templates, in the API, the form and the CLI. Pure and free of I/O,
 * so the connector page's form (a client component) can use it.
 */

/** `tenant`: what Logto would send (the default); `repository`: email-templates/, as after a sync. */
export const templatesOptions = ['tenant', 'repository'] as const;
export type TemplatesOption = (typeof templatesOptions)[number];

/** Where the mailed template came from. */
export type TemplateOrigin = 'tenant' | 'connector config' | 'repository';

export type UsedTemplate = {
  source: TemplateOrigin;
  /** The template's language; null for AWS_SES_CONFIG's templates, which have none. */
  language: string | null;
  usageType: UsageType;
};

export const describeUsedTemplate = ({ source, language, usageType }: UsedTemplate) =>
  source === 'connector config'
    ? `AWS_SES_CONFIG's ${usageType} template (connector config)`
    : `${source === 'tenant' ? "the tenant's" : "the repository's"} ${language}/${usageType} template (${source === 'tenant' ? 'tenant' : 'email-templates/'})`;
