import type { UsageType } from './usage-types';

export type EmailTemplate = { usageType: string; subject: string; content: string };

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

export type FindTemplateResult<T extends EmailTemplate> =
  | { ok: true; template: T; templateUsageType: UsageType }
  | { ok: false; reason: 'template_not_found'; usageType: UsageType; message: string };

/** Logto's lookup (`getConfigTemplateByType`): the exact usage type first, else Generic. */
export function findTemplate<T extends EmailTemplate>(
  templates: readonly T[],
  usageType: UsageType,
): FindTemplateResult<T> {
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
    message: `Cannot find template for type: ${usageType} (and there is no Generic template to fall back to).`,
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
    const value = valueAtPath(payload, path);
    return String(value ?? '');
  });
}

function valueAtPath(source: object, path: string): unknown {
  let current: unknown = source;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function renderEmail(template: EmailTemplate, payload: EmailPayload): { subject: string; html: string } {
  return {
    subject: renderTemplate(template.subject, payload),
    html: renderTemplate(template.content, payload),
  };
}
