import type { UsageType } from './usage-types';
import { valueAtPath } from './value-at-path';

/**
 * A template of the connector config. `usageType` is a plain string, as Logto's guard checks it:
 * a template for a usage type Logto does not send is accepted, and never used.
 */
export type EmailTemplate = { usageType: string; subject: string; content: string };

/** Logto's console tests a connector with this code, so nobody mistakes a test mail for a real one. */
export const testCode = '000000';

/** Logto's `TemplateNotFound` text, plus why there is no fallback. */
export const templateNotFoundMessage = (usageType: string) =>
  `Cannot find template for type: ${usageType} (and there is no Generic template to fall back to).`;

/** The variables Logto passes to a template (`SendMessagePayload` in Logto's connector kit). */
export type EmailPayload = {
  code?: string;
  link?: string;
  locale?: string;
  uiLocales?: string;
  user?: Record<string, unknown>;
  organization?: Record<string, unknown>;
  application?: Record<string, unknown>;
  inviter?: Record<string, unknown>;
};

export type FindTemplateResult =
  | { ok: true; template: EmailTemplate; templateUsageType: UsageType }
  | { ok: false; reason: 'template_not_found'; usageType: UsageType; message: string };

/** Logto's lookup (`getConfigTemplateByType`): the exact usage type first, else Generic. */
export function findTemplate(templates: readonly EmailTemplate[], usageType: UsageType): FindTemplateResult {
  const exact = templates.find((template) => template.usageType === usageType);
  if (exact) {
    return { ok: true, template: exact, templateUsageType: usageType };
  }
  const generic = templates.find((template) => template.usageType === 'Generic');
  if (generic) {
    return { ok: true, template: generic, templateUsageType: 'Generic' };
  }
  return {
    ok: false,
    reason: 'template_not_found',
    usageType,
    message: templateNotFoundMessage(usageType),
  };
}

const placeholder = /{{\s*([\w.]+)\s*}}/g;

/**
 * Fills `{{ name }}` and `{{ user.name }}` placeholders the way Logto's
 * `replaceSendMessageHandlebars` does:
 * - root key absent from the payload: the placeholder stays as written;
 * - root key present but the path leads nowhere, or the value is null/undefined: empty string;
 * - any other value goes through `String()` (numbers as digits, objects as "[object Object]").
 *
 * Values are inserted verbatim, NOT HTML-escaped, exactly like Logto. That is fine for what
 * this app sends (codes and links it generates itself); anyone adding user-supplied text such
 * as `user.name` must escape it before putting it into the payload.
 *
 * One deliberate difference: Logto tests keys with `in`, which also finds inherited properties
 * (`{{constructor}}` would print a function). Only own properties count here.
 */
export function renderTemplate(text: string, payload: EmailPayload): string {
  return text.replaceAll(placeholder, (whole, path: string) => {
    const [root] = path.split('.');
    if (root === undefined || !Object.hasOwn(payload, root)) {
      return whole;
    }
    const value = valueAtPath(payload, path.split('.'));
    return String(value ?? '');
  });
}

export function renderEmail(template: EmailTemplate, payload: EmailPayload): { subject: string; html: string } {
  return {
    subject: renderTemplate(template.subject, payload),
    html: renderTemplate(template.content, payload),
  };
}
