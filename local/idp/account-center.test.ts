import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { accountCenterBody, disabledAccountCenter, fieldControl, localAccountCenter, patchAccountCenter } from './account-center';

const recording = (file: string) =>
  JSON.parse(readFileSync(new URL(`./account-api/recorded/${file}`, import.meta.url), 'utf8')) as { request: { body: unknown }; response: { status: number; body: unknown } };
const answered = ({ response: { status, body } }: ReturnType<typeof recording>) => ({ status, body });

describe('the account-center settings, as Logto 1.42 answers them', () => {
  it('starts as a fresh tenant: disabled, every field Off (01)', () => {
    expect(accountCenterBody(disabledAccountCenter)).toEqual(recording('01-mgmt-get-account-center-default.json').response.body);
    expect(fieldControl(disabledAccountCenter, 'email')).toBe('Off');
  });

  it('answers a PATCH with the whole settings (07, 40, 44)', () => {
    for (const file of ['07-mgmt-patch-account-center-enable.json', '40-mgmt-patch-account-center-email-readonly.json', '44-mgmt-patch-account-center-email-off.json']) {
      const exchange = recording(file);
      const enabled = { ...disabledAccountCenter, enabled: true };
      expect(patchAccountCenter(enabled, exchange.request.body).answer).toEqual(answered(exchange));
    }
  });

  it('replaces `fields` as a whole: a field left out becomes Off; unknown fields are dropped', () => {
    const { settings } = patchAccountCenter(localAccountCenter, { fields: { session: 'ReadOnly', nickname: 'Edit' } });
    expect(settings).toEqual({ ...localAccountCenter, fields: { session: 'ReadOnly' } });
    expect(fieldControl(settings, 'email')).toBe('Off');
    expect(patchAccountCenter(localAccountCenter, { enabled: false }).settings).toEqual({ ...localAccountCenter, enabled: false });
  });

  it('refuses a bad value with the recorded guard answer and changes nothing (02, 03)', () => {
    for (const file of ['02-mgmt-patch-account-center-invalid-field-value.json', '03-mgmt-patch-account-center-invalid-enabled.json']) {
      const exchange = recording(file);
      expect(patchAccountCenter(localAccountCenter, exchange.request.body)).toEqual({ answer: answered(exchange), settings: localAccountCenter });
    }
    expect(patchAccountCenter(localAccountCenter, 'enabled').answer).toMatchObject({ status: 400, body: { code: 'guard.invalid_input' } });
    expect(patchAccountCenter(localAccountCenter, { fields: [] }).answer).toMatchObject({ status: 400, body: { data: { issues: [{ path: ['fields'] }] } } });
  });
});
