import { beforeEach, describe, expect, it, vi } from 'vitest';

import type { Session } from '@/lib/auth/session';
import type { ConfigResult } from '@/lib/config';

import { sendTestEmailAction } from './actions';
import { getTestSendLog } from './test-send-log';
import { localSesForTests, openToSignedInEnv, signedIn, testConfig } from './test-support';

// The action reads the configuration and the session cookie through these; the rest is real.
const state = vi.hoisted(() => ({ config: undefined as unknown as ConfigResult, session: undefined as unknown as Session, locale: 'en' as 'en' | 'zh-CN' }));
vi.mock('@/lib/config', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/lib/config')>()), getConfig: () => state.config }));
vi.mock('@/lib/auth/session', () => ({ getSession: async () => state.session }));
vi.mock('@/lib/i18n/request', () => ({ localeOfRequest: async () => state.locale }));

const ses = localSesForTests();

beforeEach(() => {
  state.config = { ok: true, config: testConfig({ ...openToSignedInEnv, AWS_SES_ENDPOINT: ses.endpoint }) };
  state.session = signedIn('dev@example.com');
  state.locale = 'en';
});

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('sendTestEmailAction (the connector page form)', () => {
  it('sends through the same path as the route and keeps what was submitted', async () => {
    const to = `form-${Date.now()}@example.com`;
    const result = await sendTestEmailAction({}, form({ to, usageType: 'SignIn' }));
    expect(result).toEqual({
      submitted: { to, usageType: 'SignIn', locale: '', templates: '' },
      result: {
        ok: true,
        messageId: expect.any(String),
        to,
        usageType: 'SignIn',
        subject: 'Your sign-in code is 000000',
        template: { source: 'connector config', language: null, usageType: 'SignIn' },
        note: expect.stringContaining('not known without the Management API'),
      },
    });
    expect((await ses.emailsTo(to))[0]?.body.html).toContain('000000');
  });

  it("takes the locale, and previews the repository's templates when asked", async () => {
    const to = `form-locale-${Date.now()}@example.com`;
    const result = await sendTestEmailAction({}, form({ to, usageType: 'SignIn', locale: ' zh-CN ', templates: 'repository' }));
    expect(result).toMatchObject({
      submitted: { locale: 'zh-CN', templates: 'repository' },
      result: { ok: true, subject: '您的登录验证码：000000', template: { source: 'repository', language: 'zh-CN', usageType: 'SignIn' } },
    });
  });

  it("notes the sent message as the caller's test send, whose events only they see", async () => {
    const result = await sendTestEmailAction({}, form({ to: `form-noted-${Date.now()}@example.com` }));
    if (!result.result?.ok) throw new Error('expected the test email to be sent');
    const { messageId } = result.result;
    expect(await getTestSendLog(undefined).sentBy('user-dev@example.com', [messageId])).toEqual(new Set([messageId]));
    expect(await getTestSendLog(undefined).sentBy('user-eve@example.com', [messageId])).toEqual(new Set());
  });

  it('uses Generic when no usage type is chosen', async () => {
    const result = await sendTestEmailAction({}, form({ to: `form-generic-${Date.now()}@example.com`, usageType: '' }));
    expect(result.result).toMatchObject({ ok: true, usageType: 'Generic' });
  });

  it('refuses a signed-out visitor', async () => {
    state.session = { state: 'signed-out' };
    expect((await sendTestEmailAction({}, form({ to: 'a@example.com' }))).result).toMatchObject({ ok: false, status: 401 });
  });

  it('applies the same authorization as the route', async () => {
    state.config = { ok: true, config: testConfig({ AWS_SES_ENDPOINT: ses.endpoint }) };
    expect((await sendTestEmailAction({}, form({ to: 'a@example.com' }))).result).toMatchObject({
      ok: false,
      status: 403,
      code: 'test_send_disabled',
    });
    state.locale = 'zh-CN';
    expect((await sendTestEmailAction({}, form({ to: 'a@example.com' }))).failureText).toEqual({
      message: '此部署关闭了测试邮件发送。',
      hint: '要开启它，把 TEST_SEND_ALLOWED_EMAILS 设为允许使用者的邮箱（或 @域名），用逗号分隔，然后重启应用。',
    });
  });

  it('applies the same validation as the route', async () => {
    const result = await sendTestEmailAction({}, form({ to: 'Ada <ada@example.com>', usageType: 'SignIn' }));
    expect(result).toMatchObject({
      submitted: { to: 'Ada <ada@example.com>', usageType: 'SignIn' },
      result: { ok: false, status: 400, code: 'invalid_email', field: 'to' },
    });
  });

  it('applies the same rate limits as the route', async () => {
    state.config = { ok: true, config: testConfig({ ...openToSignedInEnv, AWS_SES_ENDPOINT: ses.endpoint, TEST_SEND_RECIPIENT_LIMIT: '1/10m' }) };
    const to = `form-limited-${Date.now()}@example.com`;
    expect((await sendTestEmailAction({}, form({ to }))).result).toMatchObject({ ok: true });
    expect((await sendTestEmailAction({}, form({ to }))).result).toMatchObject({ ok: false, status: 429, retryAfterSeconds: expect.any(Number) });
    // The page shows the refusal in its own language; the result itself stays English, as the API answers it.
    state.locale = 'zh-CN';
    const refused = await sendTestEmailAction({}, form({ to }));
    expect(refused.result).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('per recipient (TEST_SEND_RECIPIENT_LIMIT)') });
    expect(refused.failureText?.message).toMatch(/^发给 form-limited-\d+@example\.com 的测试邮件太多了：每个收件人的限额是每 10 分钟 1 封测试邮件（TEST_SEND_RECIPIENT_LIMIT）。请在 \d+ (秒|分钟)后重试。$/);
  });

  it('says which settings are broken when the app is not configured', async () => {
    state.config = { ok: false, problems: [{ variable: 'LOGTO_ENDPOINT', message: 'LOGTO_ENDPOINT is missing', summary: 'missing' }] };
    expect((await sendTestEmailAction({}, form({ to: 'a@example.com' }))).result).toMatchObject({
      ok: false,
      status: 503,
      code: 'app_not_configured', message: expect.stringContaining('LOGTO_ENDPOINT'),
    });
  });
});
