import { z } from 'zod';

import { invalidInput, typeName, type Answer, type GuardIssue } from './management-connectors';

/**
 * The tenant's account-center settings (`/api/account-center` of the Management API), which gate
 * every route of the Account API: recorded from a real Logto 1.42 in
 * ../shared/reference/logto-account-api (fixtures 01-03, 07, 40, 44).
 */

export const controlValues = ['Off', 'ReadOnly', 'Edit'] as const;
export type ControlValue = (typeof controlValues)[number];

/** The field names Logto 1.42 knows; any other key in a PATCH is dropped, as zod strips it. */
export const accountCenterFields = ['name', 'avatar', 'profile', 'email', 'phone', 'password', 'username', 'social', 'customData', 'mfa', 'passkey', 'session'] as const;
export type AccountCenterField = (typeof accountCenterFields)[number];

export const accountCenterSchema = z.object({
  enabled: z.boolean(),
  /** A field left out is Off. */
  fields: z.partialRecord(z.enum(accountCenterFields), z.enum(controlValues)),
  webauthnRelatedOrigins: z.array(z.string()),
  deleteAccountUrl: z.string().nullable(),
});

export type AccountCenterSettings = z.infer<typeof accountCenterSchema>;

/** A fresh Logto tenant's (fixture 01). */
export const disabledAccountCenter: AccountCenterSettings = { enabled: false, fields: {}, webauthnRelatedOrigins: [], deleteAccountUrl: null };

/**
 * What `npm run dev` and the e2e stack start with: what the app's /account needs (a change of
 * address and the sessions), nothing else, as `npm run logto -- doctor --fix` would set it.
 */
export const localAccountCenter: AccountCenterSettings = { ...disabledAccountCenter, enabled: true, fields: { email: 'Edit', session: 'Edit' } };

export const fieldControl = (settings: AccountCenterSettings, field: AccountCenterField): ControlValue => settings.fields[field] ?? 'Off';

export const accountCenterBody = (settings: AccountCenterSettings) => ({
  tenantId: 'default',
  id: 'default',
  enabled: settings.enabled,
  fields: settings.fields,
  webauthnRelatedOrigins: settings.webauthnRelatedOrigins,
  deleteAccountUrl: settings.deleteAccountUrl,
  customCss: null,
  profileFields: null,
});

function patchIssues(body: Record<string, unknown>): GuardIssue[] {
  const issues: GuardIssue[] = [];
  const { enabled, fields, webauthnRelatedOrigins, deleteAccountUrl } = body;
  if (enabled !== undefined && typeof enabled !== 'boolean') {
    issues.push({ code: 'invalid_type', expected: 'boolean', received: typeName(enabled), path: ['enabled'], message: `Expected boolean, received ${typeName(enabled)}` });
  }
  if (fields !== undefined) {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      issues.push({ code: 'invalid_type', expected: 'object', received: typeName(fields), path: ['fields'], message: `Expected object, received ${typeName(fields)}` });
    } else {
      for (const field of accountCenterFields) {
        const value = (fields as Record<string, unknown>)[field];
        if (value === undefined || (controlValues as readonly unknown[]).includes(value)) continue;
        const options = controlValues.map((option) => `'${option}'`).join(' | ');
        issues.push({ received: String(value), code: 'invalid_enum_value', options: [...controlValues], path: ['fields', field], message: `Invalid enum value. Expected ${options}, received '${String(value)}'` });
      }
    }
  }
  if (webauthnRelatedOrigins !== undefined && !(Array.isArray(webauthnRelatedOrigins) && webauthnRelatedOrigins.every((origin) => typeof origin === 'string'))) {
    issues.push({ code: 'invalid_type', expected: 'array', received: typeName(webauthnRelatedOrigins), path: ['webauthnRelatedOrigins'], message: 'Expected array of strings' });
  }
  if (deleteAccountUrl !== undefined && deleteAccountUrl !== null && typeof deleteAccountUrl !== 'string') {
    issues.push({ code: 'invalid_type', expected: 'string', received: typeName(deleteAccountUrl), path: ['deleteAccountUrl'], message: `Expected string, received ${typeName(deleteAccountUrl)}` });
  }
  return issues;
}

/**
 * `PATCH /api/account-center`: the keys sent replace the stored ones, `fields` as a whole (fixture
 * 07: a field left out becomes Off). A bad value changes nothing (02, 03).
 */
export function patchAccountCenter(settings: AccountCenterSettings, body: unknown): { answer: Answer; settings: AccountCenterSettings } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { settings, answer: invalidInput([{ code: 'invalid_type', expected: 'object', received: typeName(body), path: [], message: 'Expected object' }]) };
  }
  const record = body as Record<string, unknown>;
  const issues = patchIssues(record);
  if (issues.length > 0) return { settings, answer: invalidInput(issues) };
  const fields = record.fields as Record<string, ControlValue> | undefined;
  const next: AccountCenterSettings = {
    enabled: typeof record.enabled === 'boolean' ? record.enabled : settings.enabled,
    fields: fields ? Object.fromEntries(accountCenterFields.filter((field) => fields[field] !== undefined).map((field) => [field, fields[field]])) : settings.fields,
    webauthnRelatedOrigins: (record.webauthnRelatedOrigins as string[] | undefined) ?? settings.webauthnRelatedOrigins,
    deleteAccountUrl: record.deleteAccountUrl === undefined ? settings.deleteAccountUrl : (record.deleteAccountUrl as string | null),
  };
  return { settings: next, answer: { status: 200, body: accountCenterBody(next) } };
}

/** `GET`/`PATCH /api/account-center` of the Management API (after its token check); undefined for other routes. */
export async function accountCenterRoute(
  path: string,
  method: string,
  store: { state: { accountCenter: AccountCenterSettings }; update(change: (state: { accountCenter: AccountCenterSettings }) => void): void },
  readBody: () => Promise<unknown>,
): Promise<Answer | undefined> {
  if (path !== '/api/account-center') return undefined;
  if (method === 'GET') return { status: 200, body: accountCenterBody(store.state.accountCenter) };
  if (method !== 'PATCH') return undefined;
  const { answer, settings } = patchAccountCenter(store.state.accountCenter, await readBody());
  if (answer.status === 200) {
    store.update((state) => {
      state.accountCenter = settings;
    });
  }
  return answer;
}
