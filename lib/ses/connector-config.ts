import { z } from 'zod';

import { message, messageText, type Message, type MessageValue } from '../i18n/message';

import type { EmailTemplate } from './templates';
import { isUsageType, requiredUsageTypes, usageTypes } from './usage-types';
import { valueAtPath } from './value-at-path';

/** Where the connector JSON comes from; used as the field name of problems with the JSON as a whole. */
export const configSourceName = 'AWS_SES_CONFIG';

// Logto's guard (connector-aws-ses/src/types.ts) checks `usageType` as a plain string, not an
// enum, and uses non-strict objects: unknown keys and unknown usage types are accepted (unknown
// keys are dropped). We do the same, so a JSON copied from the Logto console always passes here.
const templateSchema = z.object({
  usageType: z.string(),
  subject: z.string(),
  content: z.string(),
}) satisfies z.ZodType<EmailTemplate>;

function missingRequiredUsageTypes(templates: readonly { usageType: string }[]): string[] {
  const present = new Set(templates.map((template) => template.usageType));
  return requiredUsageTypes.filter((usageType) => !present.has(usageType));
}

export const awsSesConnectorConfigSchema = z.object({
  accessKeyId: z.string(),
  accessKeySecret: z.string(),
  region: z.string(),
  emailAddress: z.string().optional(),
  emailAddressIdentityArn: z.string().optional(),
  feedbackForwardingEmailAddress: z.string().optional(),
  feedbackForwardingEmailAddressIdentityArn: z.string().optional(),
  configurationSetName: z.string().optional(),
  templates: z.array(templateSchema).superRefine((templates, context) => {
    const missing = missingRequiredUsageTypes(templates);
    if (missing.length > 0) {
      context.addIssue({
        code: 'custom',
        message:
          `"templates" has no template for ${missing.join(', ')}. Logto requires one each for ` +
          `${requiredUsageTypes.join(', ')}: add e.g. { "usageType": "${missing[0]}", "subject": "...", ` +
          `"content": "... {{code}} ..." }.`,
      });
    }
  }),
});

export type AwsSesConnectorConfig = z.infer<typeof awsSesConnectorConfigSchema>;

export type ConfigIssue = { field: string; message: string };

export type ParseConfigResult =
  | { ok: true; config: AwsSesConnectorConfig }
  | { ok: false; issues: ConfigIssue[] };

/** The nine fields of Logto's connector form, in the console's order. */
export const connectorFields = [
  'accessKeyId',
  'accessKeySecret',
  'region',
  'emailAddress',
  'emailAddressIdentityArn',
  'feedbackForwardingEmailAddress',
  'feedbackForwardingEmailAddressIdentityArn',
  'configurationSetName',
  'templates',
] as const;

export type ConnectorFieldName = (typeof connectorFields)[number];

const requiredFields: ReadonlySet<ConnectorFieldName> = new Set(['accessKeyId', 'accessKeySecret', 'region', 'templates']);

// What each field is for (`ConnectorFields.purpose.<field>`), phrased so it can follow "Set it to" /
// "It is". Text a message cannot hold as written (angle brackets, braces) is filled in.
const purposeValues: Partial<Record<ConnectorFieldName, Record<string, string>>> = {
  emailAddress: { example: '"Logto <noreply@example.com>"' },
  templates: { shape: '{ "usageType", "subject", "content" }' },
};

const purpose = (field: ConnectorFieldName) => message(`ConnectorFields.purpose.${field}`, purposeValues[field]);

const templateKeyPurpose: Record<string, string> = {
  usageType: `one of ${usageTypes.join(', ')}`,
  subject: 'the email subject, may contain {{code}}',
  content: 'the HTML body, normally containing {{code}}',
};

export function parseSesConnectorConfig(input: unknown): ParseConfigResult {
  const result = awsSesConnectorConfigSchema.safeParse(input);
  if (result.success) {
    return { ok: true, config: result.data };
  }
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      field: formatFieldPath(issue.path),
      message: describeIssue(issue, input),
    })),
  };
}

export function parseSesConnectorConfigJson(text: string): ParseConfigResult {
  const json = parseJsonText(text);
  if (!json.ok) {
    return { ok: false, issues: [{ field: configSourceName, message: json.message }] };
  }
  return parseSesConnectorConfig(json.value);
}

/** `['templates', 2, 'usageType']` -> `templates[2].usageType`; the empty path is the whole JSON. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) {
    return configSourceName;
  }
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

type JsonTextResult = { ok: true; value: unknown } | { ok: false; message: string; text: Message };

function parseJsonText(text: string): JsonTextResult {
  if (text.trim() === '') {
    return { ok: false, message: `${configSourceName} is empty. Paste the connector config JSON from the Logto console.`, text: fieldText('emptyJson', { source: configSourceName }) };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // Never pass the SyntaxError text on: V8 quotes the surrounding input, which may be the secret.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const near = position === undefined ? undefined : lineAndColumn(text, Number(position));
    const where = near === undefined ? '' : ` (near line ${near.line}, column ${near.column})`;
    return {
      ok: false,
      text: fieldText('notJson', { source: configSourceName, line: near?.line ?? 0, column: near?.column ?? 0 }),
      message:
        `${configSourceName} is not valid JSON${where}. Paste the connector config exactly as the Logto ` +
        'console shows it; look for trailing commas, single quotes or unquoted keys.',
    };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

// Messages name the field and the expected type, never the value: a value can be a secret
// pasted into the wrong field.
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const field = formatFieldPath(issue.path);
  if (issue.code !== 'invalid_type') {
    return issue.code === 'custom' ? issue.message : `"${field}": ${issue.message}`;
  }

  const purpose = purposeOf(issue.path);
  const value = valueAtPath(input, issue.path);
  if (issue.path.length === 0) {
    return `${configSourceName} must be a JSON object like { "accessKeyId": "...", "templates": [...] }, but it is ${kindOf(value)}.`;
  }
  if (value === undefined) {
    return `"${field}" is missing. Set it to ${purpose}.`;
  }
  return `"${field}" must be ${withArticle(issue.expected)}, but it is ${kindOf(value)}. Set it to ${purpose}.`;
}

function purposeOf(path: readonly PropertyKey[]): string {
  const [top, index, key] = path;
  if (top === 'templates' && typeof index === 'number') {
    if (typeof key === 'string') {
      return templateKeyPurpose[key] ?? 'a string';
    }
    return 'an object with "usageType", "subject" and "content"';
  }
  return connectorFields.includes(top as ConnectorFieldName) ? messageText('en', purpose(top as ConnectorFieldName)) : 'the value Logto expects';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return withArticle(typeof value);
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}

// --- Connector page ------------------------------------------------------------------------

export type FieldStatus = 'valid' | 'missing' | 'invalid';

export type ConnectorFieldReport = {
  field: ConnectorFieldName;
  required: boolean;
  status: FieldStatus;
  /** English, for logs and the CLIs; a page shows `text`, the same sentences from the catalogue. */
  reason: string;
  text: Message[];
  /** Safe to show: the access key ID is masked and the secret is never included. */
  display?: string;
  /** `display` when it is words rather than the value (the hidden secret, a count of templates). */
  displayText?: Message;
};

export const hiddenSecretLabel = 'set (hidden)';

/**
 * `AKIAIOSFODNN7EXAMPLE` -> `AKIA…MPLE`: enough to tell keys apart, not enough to use one.
 * Short values would be mostly revealed by that, so they are hidden entirely.
 */
export function maskAccessKeyId(accessKeyId: string): string {
  if (accessKeyId.length < 12) {
    return hiddenSecretLabel;
  }
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/**
 * One line per field of Logto's connector form, for a page that explains what is configured.
 * Accepts the parsed JSON or the raw JSON text. The status follows `parseSesConnectorConfig`,
 * except that an empty required string counts as missing: Logto accepts it, AWS would not.
 */
export function describeConnectorFields(rawInput: unknown): ConnectorFieldReport[] {
  const json: JsonTextResult = typeof rawInput === 'string' ? parseJsonText(rawInput) : { ok: true, value: rawInput };
  if (!json.ok || !isPlainObject(json.value)) {
    const text = json.ok ? fieldText('notObject', { source: configSourceName }) : json.text;
    return connectorFields.map((field) => report({ field, required: requiredFields.has(field), status: 'invalid', text: [text] }));
  }

  const input = json.value;
  const parsed = awsSesConnectorConfigSchema.safeParse(input);
  const issues = parsed.success ? [] : parsed.error.issues;

  return connectorFields.map((field) => {
    const fieldIssues = issues.filter((issue) => issue.path[0] === field);
    return describeField(field, input[field], fieldIssues.map((issue) => describeIssue(issue, input)));
  });
}

const fieldText = (key: string, values?: Record<string, MessageValue>) => message(`ConnectorFields.reason.${key}`, values);

/** The report with its English reason, from the same messages a page shows. */
function report(fields: Omit<ConnectorFieldReport, 'reason'>): ConnectorFieldReport {
  return { ...fields, reason: fields.text.map((text) => messageText('en', text)).join(' ') };
}

function describeField(field: ConnectorFieldName, value: unknown, problems: string[]): ConnectorFieldReport {
  const required = requiredFields.has(field);
  if (value === undefined) {
    const text = required
      ? [fieldText('requiredMissing', { purpose: purpose(field) })]
      : [fieldText('optionalMissing', { purpose: purpose(field) }), ...(field === 'emailAddress' ? [fieldText('senderAdvice')] : [])];
    return report({ field, required, status: 'missing', text });
  }
  if (problems.length > 0) {
    // The problems name the field and the expected type; they stay in English (see describeIssue).
    return report({ field, required, status: 'invalid', text: [fieldText('invalid', { problems: problems.join(' ') })] });
  }
  if (required && value === '') {
    return report({ field, required, status: 'missing', text: [fieldText('empty', { purpose: purpose(field) })] });
  }
  if (field === 'templates') {
    return report({ field, required, status: 'valid', ...describeTemplates(value as EmailTemplate[]) });
  }

  const text = String(value);
  const hidden = field === 'accessKeySecret' || (field === 'accessKeyId' && maskAccessKeyId(text) === hiddenSecretLabel);
  const display = field === 'accessKeyId' ? maskAccessKeyId(text) : field === 'accessKeySecret' ? hiddenSecretLabel : text;
  return report({ field, required, status: 'valid', text: [fieldText('set', { purpose: purpose(field) })], display, ...(hidden ? { displayText: message('ConnectorFields.hidden') } : {}) });
}

function describeTemplates(templates: EmailTemplate[]): Pick<ConnectorFieldReport, 'text' | 'display' | 'displayText'> {
  const present = new Set(templates.map((template) => template.usageType));
  const covered = usageTypes.filter((usageType) => present.has(usageType));
  const usingGeneric = usageTypes.filter((usageType) => !present.has(usageType));
  const unknown = [...present].filter((usageType) => !isUsageType(usageType));

  const text = [fieldText('templates', { usageTypes: covered.join(', ') })];
  if (usingGeneric.length > 0) text.push(fieldText('templatesGeneric', { usageTypes: usingGeneric.join(', ') }));
  if (unknown.length > 0) text.push(fieldText('templatesUnknown', { names: unknown.map((name) => `"${name}"`).join(', ') }));
  const count = message('ConnectorFields.templateCount', { count: templates.length });
  return { text, display: messageText('en', count), displayText: count };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
