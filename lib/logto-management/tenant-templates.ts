import type { AppConfig } from '@/lib/config';
import { isUsageType } from '@/lib/ses/usage-types';
import type { LocalizedTemplate } from '@/lib/ses/template-order';
import { processWide } from '@/lib/process/process-wide';

import { managementAccessProblem, type Outcome } from './checks';
import { ask, managementClientFor, type ManagementClient } from './client';

/**
 * What the tenant would mail with: its email templates (`GET /api/email-templates`, fixture 44)
 * and its sign-in experience's fallback language (`GET /api/sign-in-exp`, fixture 22), read
 * through `@logto/api` for the test send. Kept briefly per process, so a person clicking "Send"
 * again does not cost two Management API calls each time, yet sees a `sync` within seconds.
 */

/** One of the tenant's rows: what Logto stores in `details` (subject, content, contentType, replyTo, sendFrom…). */
export type TenantTemplate = { id: string; languageTag: string; templateType: string; subject: string; content: string; details: Record<string, unknown> };

export const tenantTemplateOf = (row: Record<string, unknown>): TenantTemplate => {
  const details = (typeof row.details === 'object' && row.details !== null ? row.details : {}) as Record<string, unknown>;
  return {
    id: String(row.id),
    languageTag: String(row.languageTag),
    templateType: String(row.templateType),
    subject: String(details.subject ?? ''),
    content: String(details.content ?? ''),
    details,
  };
};

/** What reading the tenant needs: the endpoint, the timeout, the M2M app (none: nothing to read). */
export type TenantAccess = { logto: Pick<AppConfig['logto'], 'endpoint' | 'timeoutMs'>; managementApi?: AppConfig['managementApi'] };

export type TenantTemplates = { ok: true; localized: LocalizedTemplate[]; fallbackLanguage: string } | { ok: false; message: string };

/** How long a reading is reused: short enough that a `sync` shows in the next test but one. */
export const tenantTemplatesTtlMs = 10_000;

type Cached = Map<string, { at: number; value: TenantTemplates & { ok: true } }>;

const describeOutcome = (outcome: Outcome) => (outcome.kind === 'unreachable' ? `no answer (${outcome.message})` : `HTTP ${outcome.status}`);

export async function readTenantTemplates(config: TenantAccess, { client, now = Date.now() }: { client?: ManagementClient; now?: number } = {}): Promise<TenantTemplates> {
  const settings = config.managementApi;
  if (!settings) return { ok: false, message: 'The Management API is not configured.' };
  const cache = processWide<Cached>('tenant-email-templates', () => new Map());
  const key = `${config.logto.endpoint} ${settings.appId} ${settings.resource}`;
  const cached = cache.get(key);
  if (!client && cached && now - cached.at < tenantTemplatesTtlMs) return cached.value;

  const api = client ?? managementClientFor(config.logto, settings);
  const timeoutMs = config.logto.timeoutMs;
  const [templates, experience] = await Promise.all([
    ask((signal) => api.GET('/api/email-templates', { signal }), timeoutMs),
    ask((signal) => api.GET('/api/sign-in-exp', { signal }), timeoutMs),
  ]);
  for (const [what, outcome] of [['its email templates', templates], ['its sign-in experience', experience]] as const) {
    const access = managementAccessProblem(outcome, settings.resource);
    if (access) return { ok: false, message: `${access.detail} ${access.fix}` };
    if (outcome.kind !== 'answer' || outcome.status !== 200) return { ok: false, message: `Reading ${what} answered ${describeOutcome(outcome)}.` };
  }
  const rows = templates.kind === 'answer' && Array.isArray(templates.body) ? (templates.body as Record<string, unknown>[]) : [];
  const localized = rows.map(tenantTemplateOf).flatMap(({ languageTag, templateType, subject, content }) =>
    // A row for a type Logto does not send is never chosen, as in Logto.
    isUsageType(templateType) ? [{ languageTag, templateType, subject, content }] : [],
  );
  const languageInfo = experience.kind === 'answer' ? (experience.body as { languageInfo?: { fallbackLanguage?: unknown } } | undefined)?.languageInfo : undefined;
  const fallbackLanguage = typeof languageInfo?.fallbackLanguage === 'string' ? languageInfo.fallbackLanguage : 'en';
  const value = { ok: true as const, localized, fallbackLanguage };
  if (!client) cache.set(key, { at: now, value });
  return value;
}

/** For tests, and after `sync` changed the tenant: the next test send reads it again. */
export function forgetTenantTemplates(): void {
  processWide<Cached>('tenant-email-templates', () => new Map()).clear();
}
