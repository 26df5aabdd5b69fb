import { z } from 'zod';

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

// What each field is for, phrased so it can follow "Set it to" / "It is".
const fieldPurpose: Record<ConnectorFieldName, string> = {
  accessKeyId: 'the access key ID of an IAM user allowed to call ses:SendEmail',
  accessKeySecret: 'the secret access key that belongs to accessKeyId',
  region: 'the AWS region where your SES identity is verified, e.g. "us-east-1"',
  emailAddress: 'the verified sender, e.g. "Logto <noreply@example.com>"',
  emailAddressIdentityArn: 'the ARN of the sending identity (only for sending authorization)',
  feedbackForwardingEmailAddress: 'the address that receives bounces and complaints',
  feedbackForwardingEmailAddressIdentityArn: 'the ARN of the feedback forwarding identity',
  configurationSetName: 'the SES configuration set to use (event publishing, IP pools)',
  templates: 'a list of { "usageType", "subject", "content" } with at least Register, SignIn, ForgotPassword and Generic',
};

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

type JsonTextResult = { ok: true; value: unknown } | { ok: false; message: string };

function parseJsonText(text: string): JsonTextResult {
  if (text.trim() === '') {
    return { ok: false, message: `${configSourceName} is empty. Paste the connector config JSON from the Logto console.` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // Never pass the SyntaxError text on: V8 quotes the surrounding input, which may be the secret.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    const where = position === undefined ? '' : ` (near ${lineAndColumn(text, Number(position))})`;
    return {
      ok: false,
      message:
        `${configSourceName} is not valid JSON${where}. Paste the connector config exactly as the Logto ` +
        'console shows it; look for trailing commas, single quotes or unquoted keys.',
    };
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
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
  return fieldPurpose[top as ConnectorFieldName] ?? 'the value Logto expects';
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
  reason: string;
  /** Safe to show: the access key ID is masked and the secret is never included. */
  display?: string;
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
    const reason = json.ok
      ? `${configSourceName} is not a JSON object, so no field can be read.`
      : json.message;
    return connectorFields.map((field) => ({ field, required: requiredFields.has(field), status: 'invalid', reason }));
  }

  const input = json.value;
  const parsed = awsSesConnectorConfigSchema.safeParse(input);
  const issues = parsed.success ? [] : parsed.error.issues;

  return connectorFields.map((field) => {
    const fieldIssues = issues.filter((issue) => issue.path[0] === field);
    return describeField(field, input[field], fieldIssues.map((issue) => describeIssue(issue, input)));
  });
}

function describeField(field: ConnectorFieldName, value: unknown, problems: string[]): ConnectorFieldReport {
  const required = requiredFields.has(field);
  if (value === undefined) {
    const reason = required
      ? `Required and not set. Set it to ${fieldPurpose[field]}.`
      : `Not set (optional): ${fieldPurpose[field]}.${field === 'emailAddress' ? ' SES refuses to send without a sender, so set it unless you know why not.' : ''}`;
    return { field, required, status: 'missing', reason };
  }
  if (problems.length > 0) {
    return { field, required, status: 'invalid', reason: problems.join(' ') };
  }
  if (required && value === '') {
    return { field, required, status: 'missing', reason: `Empty. Set it to ${fieldPurpose[field]}.` };
  }
  if (field === 'templates') {
    return { field, required, status: 'valid', ...describeTemplates(value as EmailTemplate[]) };
  }

  const text = String(value);
  const display =
    field === 'accessKeyId' ? maskAccessKeyId(text) : field === 'accessKeySecret' ? hiddenSecretLabel : text;
  return { field, required, status: 'valid', reason: `Set: ${fieldPurpose[field]}.`, display };
}

function describeTemplates(templates: EmailTemplate[]): { reason: string; display: string } {
  const present = new Set(templates.map((template) => template.usageType));
  const covered = usageTypes.filter((usageType) => present.has(usageType));
  const usingGeneric = usageTypes.filter((usageType) => !present.has(usageType));
  const unknown = [...present].filter((usageType) => !isUsageType(usageType));

  const sentences = [`Templates for ${covered.join(', ')}.`];
  if (usingGeneric.length > 0) {
    sentences.push(`${usingGeneric.join(', ')} use the Generic template.`);
  }
  if (unknown.length > 0) {
    sentences.push(`${unknown.map((name) => `"${name}"`).join(', ')} is not a usage type Logto sends, so it is never used.`);
  }
  return { reason: sentences.join(' '), display: `${templates.length} template${templates.length === 1 ? '' : 's'}` };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
