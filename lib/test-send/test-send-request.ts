import { z } from 'zod';

import { usageTypes, type UsageType } from '@/lib/ses';

import { failure, type TestSendFailure } from './result';

/**
 * What a test send asks for, checked before anything is sent. The same rules apply to the
 * JSON route, the connector page's form and the CLI.
 *
 * Every usage type Logto sends is accepted, including those without a template of their own:
 * Logto's lookup falls back to the Generic template, which a valid connector config always has,
 * so the test shows exactly what Logto would send for that usage type.
 */
export type TestSendRequest = { to: string; usageType: UsageType; locale?: string };

export type ParseTestSendResult = { ok: true; value: TestSendRequest } | TestSendFailure;

/** Logto's console tests a connector with the Generic template. */
export const defaultUsageType: UsageType = 'Generic';

// RFC 5321 size limits. Longer addresses are refused by mail servers anyway, and checking the
// length first keeps the format check below cheap.
const maxAddressLength = 254;
const maxLocalPartLength = 64;
const maxDomainLabelLength = 63;

const example = 'ada@example.com';

/**
 * Why `value` is not exactly one bare address, or undefined when it is one. Anything that
 * could make SES read more than one recipient, or a header, is refused with its own reason:
 * line breaks, lists, display names, spaces.
 */
function addressProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return '"to" must be a single line: it contains a line break.';
  if (/[,;]/.test(value)) return `"to" takes exactly one address, not a list: send one test per address.`;
  if (/[<>"]/.test(value)) return `"to" takes the bare address without a display name: ${example}, not Ada <${example}>.`;
  if (/\s/.test(value)) return '"to" must not contain spaces.';
  if (value === '') return `"to" is empty: give the address to send the test to, e.g. ${example}.`;
  if (value.length > maxAddressLength) return `"to" is longer than ${maxAddressLength} characters, the most an address may have.`;

  const [localPart = '', domain = '', ...rest] = value.split('@');
  if (rest.length > 0 || !domain) return `"to" must be one email address such as ${example}.`;
  if (localPart.length > maxLocalPartLength) {
    return `The part of "to" before the @ is longer than ${maxLocalPartLength} characters, the most it may have.`;
  }
  if (domain.split('.').some((label) => label.length > maxDomainLabelLength)) {
    return `A part of the domain of "to" is longer than ${maxDomainLabelLength} characters, the most it may have.`;
  }
  if (!z.email().safeParse(value).success) return `"to" is not a valid email address: expected something like ${example}.`;
  return undefined;
}

const usageTypeList = usageTypes.join(', ');

const requestSchema = z
  .object({
    to: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? `"to" is missing: give the address to send the test to, e.g. ${example}.`
            : `"to" must be a string holding one email address, e.g. ${example}.`,
      })
      .superRefine((value, context) => {
        const problem = addressProblem(value);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }),
    usageType: z
      .enum(usageTypes, {
        error: `"usageType" must be one of ${usageTypeList} (Generic when left out). Usage types without a template of their own use the Generic template, as in Logto.`,
      })
      .default(defaultUsageType),
    locale: z
      .string({ error: '"locale" must be a string such as "en" or "pt-BR".' })
      .max(35, '"locale" is too long for a language tag.')
      .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/, '"locale" must be a language tag such as "en" or "pt-BR".')
      .optional(),
  })
  .strict();

const codeByField: Record<string, string> = {
  to: 'invalid_email',
  usageType: 'unknown_usage_type',
  locale: 'invalid_locale',
};

function describeFailure(issue: z.core.$ZodIssue): TestSendFailure {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => `"${key}"`).join(', ');
    return failure(400, {
      code: 'unknown_field',
      field: issue.keys[0],
      message: `Unknown field ${names}: the body takes only "to", "usageType" and "locale".`,
    });
  }
  const field = issue.path[0];
  if (typeof field !== 'string') {
    return failure(400, {
      code: 'invalid_body',
      message: `The body must be a JSON object such as {"to": "${example}", "usageType": "SignIn"}.`,
    });
  }
  return failure(400, { code: codeByField[field] ?? 'invalid_body', field, message: issue.message });
}

/** Checks already decoded input (parsed JSON, form fields, CLI flags). Reports the first problem. */
export function parseTestSendRequest(input: unknown): ParseTestSendResult {
  const parsed = requestSchema.safeParse(input);
  if (parsed.success) {
    const { to, usageType, locale } = parsed.data;
    return { ok: true, value: locale === undefined ? { to, usageType } : { to, usageType, locale } };
  }
  const [first] = parsed.error.issues;
  return first ? describeFailure(first) : failure(400, { code: 'invalid_body', message: 'The request is not valid.' });
}
