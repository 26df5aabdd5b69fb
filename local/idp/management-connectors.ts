import { randomBytes } from 'node:crypto';

import { chooseTemplate, renderEmail, requiredUsageTypes, sendRenderedEmail, testCode, type AwsSesConnectorConfig, type LocalizedTemplate } from '../../lib/ses';

import type { ManagementState } from './management-state';

/**
 * What Logto checks and answers for connectors, email templates and connector tests, as
 * recorded from a real Logto 1.42 (fixtures 30-60): its zod 3 guard issues, whole-config
 * PATCH, one email connector at a time, and the template order of a test mail.
 */

export type Answer = { status: number; body?: unknown };

export type GuardIssue = { code: string; expected?: string; received?: string; path: (string | number)[]; message: string; [key: string]: unknown };

export const typeName = (value: unknown) => (value === undefined ? 'undefined' : value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

const describeIssue = (issue: GuardIssue) =>
  `Error in key path "${issue.path.join('.')}": (${issue.code}) ${issue.expected ? `Expected ${issue.expected} but received ${issue.received}.` : issue.message}`;

/** Logto's answer for a zod error: `code`, the issues in `data`, every issue in `details`. */
export function zodAnswer(code: string, message: string, issues: GuardIssue[], status = 400): Answer {
  return { status, body: { code, data: { issues, name: 'ZodError' }, details: issues.map(describeIssue).join('\n'), message } };
}

export const invalidInput = (issues: GuardIssue[]) => zodAnswer('guard.invalid_input', 'The request body is invalid.', issues);

const invalidConfig = (issues: GuardIssue[]) => zodAnswer('connector.invalid_config', "The connector's config is invalid.", issues);

function stringIssue(value: unknown, path: (string | number)[], required: boolean): GuardIssue | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value === 'string') return undefined;
  return { code: 'invalid_type', expected: 'string', received: typeName(value), path, message: value === undefined ? 'Required' : `Expected string, received ${typeName(value)}` };
}

/** Logto's AWS SES connector guard (connector-aws-ses/src/types.ts), issues in its order. */
export function awsSesConfigIssues(config: unknown): GuardIssue[] {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return [{ code: 'invalid_type', expected: 'object', received: typeName(config), path: [], message: 'Expected object' }];
  }
  const record = config as Record<string, unknown>;
  const issues: GuardIssue[] = [];
  for (const key of ['accessKeyId', 'accessKeySecret', 'region']) {
    const issue = stringIssue(record[key], [key], true);
    if (issue) issues.push(issue);
  }
  for (const key of ['emailAddress', 'emailAddressIdentityArn', 'feedbackForwardingEmailAddress', 'feedbackForwardingEmailAddressIdentityArn', 'configurationSetName']) {
    const issue = stringIssue(record[key], [key], false);
    if (issue) issues.push(issue);
  }
  const { templates } = record;
  if (!Array.isArray(templates)) {
    issues.push({ code: 'invalid_type', expected: 'array', received: typeName(templates), path: ['templates'], message: templates === undefined ? 'Required' : `Expected array, received ${typeName(templates)}` });
    return issues;
  }
  templates.forEach((template: unknown, index) => {
    const item = (typeof template === 'object' && template !== null ? template : {}) as Record<string, unknown>;
    for (const key of ['usageType', 'subject', 'content']) {
      const issue = stringIssue(item[key], ['templates', index, key], true);
      if (issue) issues.push(issue);
    }
  });
  const present = new Set(templates.map((template: { usageType?: unknown }) => template?.usageType));
  for (const usageType of requiredUsageTypes) {
    if (!present.has(usageType)) issues.push({ code: 'custom', message: `Template with UsageType (${usageType}) should be provided!`, path: ['templates'] });
  }
  return issues;
}

/** Logto's row ids: lower-case letters and digits (connectors 12, email templates 21). */
export function rowId(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export const emailFactories = ['aws-ses-mail', 'simple-mail-transfer-protocol'] as const;

/** The config check of a factory; the stand-in checks only AWS SES's, SMTP's is taken as sent. */
export function configIssues(factoryId: string, config: unknown): GuardIssue[] {
  if (factoryId === 'aws-ses-mail') return awsSesConfigIssues(config);
  return typeof config === 'object' && config !== null && !Array.isArray(config) ? [] : [{ code: 'invalid_type', expected: 'object', received: typeName(config), path: [], message: 'Expected object' }];
}

export const connectorConfigAnswer = (factoryId: string, config: unknown): Answer | undefined => {
  const issues = configIssues(factoryId, config);
  return issues.length > 0 ? invalidConfig(issues) : undefined;
};

// --- Email templates ---------------------------------------------------------------------------

export type EmailTemplateRow = ManagementState['emailTemplates'][number];

const templateTypes = ['SignIn', 'Register', 'ForgotPassword', 'OrganizationInvitation', 'Generic', 'UserPermissionValidation', 'BindNewIdentifier', 'MfaVerification', 'BindMfa'];

export const templateRowBody = (row: EmailTemplateRow) => ({ tenantId: 'default', ...row });

/** Ordered by languageTag, then templateType, as Logto lists them (fixture 44). */
export const sortedRows = (rows: EmailTemplateRow[]) =>
  [...rows].sort((a, b) => (a.languageTag === b.languageTag ? a.templateType.localeCompare(b.templateType) : a.languageTag.localeCompare(b.languageTag)));

function detailsIssues(details: unknown, path: (string | number)[], partial: boolean): GuardIssue[] {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    return [{ code: 'invalid_type', expected: 'object', received: typeName(details), path, message: details === undefined ? 'Required' : `Expected object, received ${typeName(details)}` }];
  }
  const record = details as Record<string, unknown>;
  const issues: GuardIssue[] = [];
  for (const key of ['subject', 'content']) {
    const issue = stringIssue(record[key], [...path, key], !partial);
    if (issue) issues.push(issue);
  }
  for (const key of ['contentType', 'replyTo', 'sendFrom']) {
    const issue = stringIssue(record[key], [...path, key], false);
    if (issue) issues.push(issue);
  }
  return issues;
}

export type TemplateInput = { languageTag: string; templateType: string; details: Record<string, unknown> };

/** The PUT body's problems (fixture 43: at least one template). */
export function putTemplatesIssues(body: unknown): GuardIssue[] {
  const templates = (body as { templates?: unknown } | undefined)?.templates;
  if (!Array.isArray(templates)) return [{ code: 'invalid_type', expected: 'array', received: typeName(templates), path: ['templates'], message: templates === undefined ? 'Required' : 'Expected array' }];
  if (templates.length === 0) {
    return [{ code: 'too_small', minimum: 1, type: 'array', inclusive: true, exact: false, message: 'Array must contain at least 1 element(s)', path: ['templates'] }];
  }
  return templates.flatMap((template: unknown, index) => {
    const item = (typeof template === 'object' && template !== null ? template : {}) as Record<string, unknown>;
    const issues: GuardIssue[] = [];
    const tag = stringIssue(item.languageTag, ['templates', index, 'languageTag'], true);
    if (tag) issues.push(tag);
    if (typeof item.templateType !== 'string' || !templateTypes.includes(item.templateType)) {
      issues.push({ code: 'invalid_enum_value', options: templateTypes, received: String(item.templateType), path: ['templates', index, 'templateType'], message: `Invalid enum value. Expected ${templateTypes.map((type) => `'${type}'`).join(' | ')}, received '${String(item.templateType)}'` });
    }
    issues.push(...detailsIssues(item.details, ['templates', index, 'details'], false));
    return issues;
  });
}

export const patchDetailsIssues = (body: unknown) => detailsIssues(body, [], true);

export const templateNotFound = (id: string): Answer => ({ status: 404, body: { code: 'entity.not_exists_with_id', message: `The email_templates with ID \`${id}\` does not exist.` } });

/** The tenant's rows as the template order takes them. */
export const localizedTemplates = (rows: EmailTemplateRow[]): LocalizedTemplate[] =>
  rows.map((row) => ({
    languageTag: row.languageTag,
    templateType: row.templateType as LocalizedTemplate['templateType'],
    subject: String(row.details.subject ?? ''),
    content: String(row.details.content ?? ''),
  }));

export const fallbackLanguageOf = (state: ManagementState): string => {
  const info = state.signInExperience.languageInfo as { fallbackLanguage?: unknown } | undefined;
  return typeof info?.fallbackLanguage === 'string' ? info.fallbackLanguage : 'en';
};

// --- Connector test ----------------------------------------------------------------------------

export type SesEndpoint = { endpoint?: string; timeoutMs: number };

/**
 * `POST /api/connectors/:factoryId/test`: Logto sends the Generic template with the code
 * 000000 to `email`, with the config from the body (not the stored one), after the tenant's
 * templates for `locale` (fixtures 35-39, 48, 49).
 */
export async function connectorTest(factoryId: string, body: unknown, state: ManagementState, ses: SesEndpoint): Promise<Answer> {
  if (factoryId !== 'aws-ses-mail') return { status: 400, body: { code: 'connector.not_found', message: 'Cannot find any available connector for type: Email.' } };
  const { email, phone, config, locale } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof email !== 'string' && typeof phone !== 'string') return { status: 400, body: { code: 'guard.invalid_input', message: 'The request {{type}} is invalid.' } };
  if (typeof email !== 'string') return { status: 400, body: { code: 'connector.not_found', message: 'Cannot find any available connector for type: Sms.' } };
  const invalid = connectorConfigAnswer(factoryId, config);
  if (invalid) return invalid;
  const connector = config as AwsSesConnectorConfig;
  const chosen = chooseTemplate({
    usageType: 'Generic',
    locale: typeof locale === 'string' ? locale : undefined,
    fallbackLanguage: fallbackLanguageOf(state),
    localized: localizedTemplates(state.emailTemplates),
    connectorTemplates: connector.templates,
    // The locale goes to the database as written: `zh-cn` gets the fallback language's template.
    tagMatch: 'exact',
  });
  if (!chosen.ok) return { status: 400, body: { code: 'connector.template_not_found', message: chosen.message } };
  const { subject, html } = renderEmail(chosen.template, { code: testCode, ...(typeof locale === 'string' && { locale }) });
  try {
    await sendRenderedEmail({ connector, endpoint: ses.endpoint, timeoutMs: ses.timeoutMs }, { to: email, subject, html });
  } catch (error) {
    // Logto wraps a connector's failure as connector.general with the provider's message.
    return { status: 400, body: { code: 'connector.general', message: `An unexpected error occurred in connector: ${error instanceof Error ? error.name : 'error'}.` } };
  }
  return { status: 204 };
}
