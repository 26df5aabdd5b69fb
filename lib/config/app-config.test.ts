import { describe, expect, it } from 'vitest';

import { defaultTemplates } from '@/lib/ses';

import { formatConfigProblems, parseAppConfig, parseSesEnvironment } from './app-config';

const valid = {
  LOGTO_ENDPOINT: 'https://tenant.logto.app/',
  LOGTO_APP_ID: 'app-id',
  LOGTO_APP_SECRET: 'app-secret',
  LOGTO_BASE_URL: 'https://app.example.com/',
  LOGTO_COOKIE_SECRET: 'x'.repeat(32),
};

const sesConfig = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  accessKeySecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
  emailAddress: 'Logto <noreply@example.com>',
  templates: defaultTemplates,
};

const problemsOf = (env: Record<string, string | undefined>) => {
  const result = parseAppConfig(env);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};

describe('parseAppConfig', () => {
  it('accepts a complete configuration and normalises URLs', () => {
    const result = parseAppConfig(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.logto).toMatchObject({
      endpoint: 'https://tenant.logto.app',
      baseUrl: 'https://app.example.com',
      cookieSecure: true,
      scopes: ['email'],
      timeoutMs: 5000,
    });
    expect(result.config.origin).toBe('https://app.example.com');
    expect(result.config.ses).toEqual({ state: 'missing' });
    expect(result.config.testSend.recipientLimit).toMatchObject({ points: 5, durationSeconds: 600 });
    expect(result.config.testSend.userLimit).toMatchObject({ points: 20, durationSeconds: 3600 });
  });

  it('names every bad variable at once, with how to fix it', () => {
    const problems = problemsOf({ LOGTO_COOKIE_SECRET: 'short' });
    expect(problems.map((problem) => problem.variable).sort()).toEqual(
      ['LOGTO_APP_ID', 'LOGTO_APP_SECRET', 'LOGTO_BASE_URL', 'LOGTO_COOKIE_SECRET', 'LOGTO_ENDPOINT'].sort(),
    );
    expect(problems.find((problem) => problem.variable === 'LOGTO_COOKIE_SECRET')?.message).toMatch(/at least 32 characters/);
    const text = formatConfigProblems(problems);
    expect(text).toMatch(/5 settings to fix/);
    expect(text).toMatch(/LOGTO_APP_ID is missing/);
    expect(text).not.toMatch(/short/);
  });

  it('says only "missing" of a variable set but empty, not also what it may contain', () => {
    const problems = problemsOf({ ...valid, LOGTO_APP_ID: '', LOGTO_APP_SECRET: '  ', LOGTO_ENDPOINT: '' });
    expect(problems).toEqual([
      { variable: 'LOGTO_ENDPOINT', message: expect.stringMatching(/^LOGTO_ENDPOINT is missing/), summary: 'missing' },
      { variable: 'LOGTO_APP_ID', message: expect.stringMatching(/^LOGTO_APP_ID is missing/), summary: 'missing' },
      { variable: 'LOGTO_APP_SECRET', message: expect.stringMatching(/^LOGTO_APP_SECRET is missing/), summary: 'missing' },
    ]);
  });

  it('makes the cookie Secure only for an https base URL', () => {
    const result = parseAppConfig({ ...valid, LOGTO_BASE_URL: 'http://localhost:3000' });
    expect(result).toMatchObject({ ok: true, config: { logto: { cookieSecure: false } } });
  });

  it('rejects a base URL with a path and an endpoint that is not a URL', () => {
    const problems = problemsOf({ ...valid, LOGTO_BASE_URL: 'https://app.example.com/app', LOGTO_ENDPOINT: 'tenant.logto.app' });
    expect(problems.map((problem) => problem.variable).sort()).toEqual(['LOGTO_BASE_URL', 'LOGTO_ENDPOINT']);
    // Each variable is reported once, with the origin it should have been.
    expect(problems.find((problem) => problem.variable === 'LOGTO_BASE_URL')?.message).toBe(
      "LOGTO_BASE_URL must be the app's origin only, e.g. https://app.example.com (no path, query or fragment).",
    );
  });

  it.each([
    ['missing', undefined, /^LOGTO_BASE_URL is missing/],
    ['blank', '  ', /^LOGTO_BASE_URL is missing/],
    ['not http(s)', 'ftp://app.example.com', /^LOGTO_BASE_URL must be the http\(s\) URL/],
  ])('reports a %s base URL once, with what to set', (_label, value, message) => {
    const problems = problemsOf({ ...valid, LOGTO_BASE_URL: value });
    expect(problems).toEqual([{ variable: 'LOGTO_BASE_URL', message: expect.stringMatching(message), summary: expect.any(String) }]);
  });

  it('refuses app credentials the SDK would send unencoded in Basic auth', () => {
    const problems = problemsOf({ ...valid, LOGTO_APP_SECRET: 'abc:def' });
    expect(problems).toEqual([{ variable: 'LOGTO_APP_SECRET', message: expect.stringMatching(/letters, digits/), summary: expect.stringMatching(/letters, digits/) }]);
    expect(JSON.stringify(problems)).not.toContain('abc:def');
  });

  it.each([
    [{ VERCEL_ENV: 'production', VERCEL_PROJECT_PRODUCTION_URL: 'app.example.com', VERCEL_URL: 'app-abc.vercel.app' }, 'https://app.example.com'],
    [{ VERCEL_ENV: 'preview', VERCEL_BRANCH_URL: 'app-git-feature-team.vercel.app', VERCEL_URL: 'app-abc.vercel.app' }, 'https://app-git-feature-team.vercel.app'],
    [{ VERCEL_ENV: 'preview', VERCEL_URL: 'app-abc.vercel.app' }, 'https://app-abc.vercel.app'],
  ])('derives the base URL on Vercel from %o', (vercel, expected) => {
    const result = parseAppConfig({ ...valid, LOGTO_BASE_URL: undefined, ...vercel });
    expect(result).toMatchObject({ ok: true, config: { logto: { baseUrl: expected, cookieSecure: true } } });
  });

  it('knows the other Vercel base URLs, for the redirect-URI check', () => {
    const preview = parseAppConfig({
      ...valid,
      LOGTO_BASE_URL: undefined,
      VERCEL_ENV: 'preview',
      VERCEL_BRANCH_URL: 'app-git-feature-team.vercel.app',
      VERCEL_PROJECT_PRODUCTION_URL: 'app.example.com',
    });
    expect(preview).toMatchObject({ ok: true, config: { logto: { baseUrl: 'https://app-git-feature-team.vercel.app', otherBaseUrls: ['https://app.example.com'] } } });
    expect(parseAppConfig(valid)).toMatchObject({ ok: true, config: { logto: { otherBaseUrls: [] } } });
  });

  it('finds the local inbox of a loopback SES endpoint', () => {
    const result = parseAppConfig({
      ...valid,
      LOGTO_ENDPOINT: 'http://localhost:3001',
      AWS_SES_CONFIG: JSON.stringify(sesConfig),
      AWS_SES_ENDPOINT: 'http://127.0.0.1:8005',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.localInboxUrl).toBe('http://127.0.0.1:8005/');
    expect(result.config.ses.state).toBe('configured');
  });

  it('keeps the app usable but reports an invalid SES connector field by field', () => {
    const result = parseAppConfig({ ...valid, AWS_SES_CONFIG: JSON.stringify({ ...sesConfig, region: 42, templates: [] }) });
    expect(result.ok).toBe(true);
    if (!result.ok || result.config.ses.state !== 'invalid') throw new Error('expected an invalid SES config');
    const fields = result.config.ses.issues.map((issue) => issue.field);
    expect(fields).toContain('region');
    expect(fields.some((field) => field.startsWith('templates'))).toBe(true);
    const region = result.config.ses.fields.find((field) => field.field === 'region');
    expect(region).toMatchObject({ status: 'invalid' });
  });

  it('parses rate limits and the allow list, and rejects bad ones', () => {
    const result = parseAppConfig({ ...valid, TEST_SEND_RECIPIENT_LIMIT: '3/30s', TEST_SEND_USER_LIMIT: '10 / 2h', TEST_SEND_ALLOWED_EMAILS: 'A@Example.com, b@example.com' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.testSend.recipientLimit).toMatchObject({ points: 3, durationSeconds: 30 });
    expect(result.config.testSend.userLimit).toMatchObject({ points: 10, durationSeconds: 7200 });
    expect(result.config.testSend.allowedEmails).toEqual(['a@example.com', 'b@example.com']);

    const problems = problemsOf({ ...valid, TEST_SEND_RECIPIENT_LIMIT: 'often', TEST_SEND_ALLOWED_EMAILS: 'a@example.com, nope', REDIS_URL: 'http://x' });
    expect(problems.map((problem) => problem.variable).sort()).toEqual(['REDIS_URL', 'TEST_SEND_ALLOWED_EMAILS', 'TEST_SEND_RECIPIENT_LIMIT']);
  });

  it('accepts whole-domain @entries in TEST_SEND_ALLOWED_EMAILS and names a bad one', () => {
    const result = parseAppConfig({ ...valid, TEST_SEND_ALLOWED_EMAILS: '@Example.com, ops@other.test' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.testSend.allowedEmails).toEqual(['@example.com', 'ops@other.test']);

    for (const bad of ['@', '@localhost', '@exa mple.com', 'ops@@example.com']) {
      expect(problemsOf({ ...valid, TEST_SEND_ALLOWED_EMAILS: `a@example.com, ${bad}` })).toEqual([
        expect.objectContaining({ variable: 'TEST_SEND_ALLOWED_EMAILS', message: expect.stringContaining('@domain') }),
      ]);
    }
  });

  it('lets only next dev open test-send to anyone signed in: production refuses TEST_SEND_OPEN_TO_SIGNED_IN', () => {
    const development = parseAppConfig({ ...valid, NODE_ENV: 'development', TEST_SEND_OPEN_TO_SIGNED_IN: 'true' });
    expect(development).toMatchObject({ ok: true, config: { testSend: { openToSignedIn: true } } });
    expect(parseAppConfig(valid)).toMatchObject({ ok: true, config: { testSend: { openToSignedIn: false } } });

    expect(problemsOf({ ...valid, NODE_ENV: 'production', TEST_SEND_OPEN_TO_SIGNED_IN: 'true' })).toEqual([
      expect.objectContaining({ variable: 'TEST_SEND_OPEN_TO_SIGNED_IN', message: expect.stringContaining('next dev') }),
    ]);
    expect(problemsOf({ ...valid, TEST_SEND_OPEN_TO_SIGNED_IN: 'yes' })).toEqual([expect.objectContaining({ variable: 'TEST_SEND_OPEN_TO_SIGNED_IN' })]);
  });

  it('trusts the local SNS signer in production only for a server that serves nobody but this machine (loopback base URL)', () => {
    const signer = 'http://127.0.0.1:8005/_stand-in/sns-signing-cert.pem';
    const production = { ...valid, NODE_ENV: 'production', SES_EVENTS_LOCAL_SIGNER: signer };
    expect(parseAppConfig({ ...valid, NODE_ENV: 'development', SES_EVENTS_LOCAL_SIGNER: signer })).toMatchObject({ ok: true, config: { sesEvents: { localSignerUrl: signer } } });
    expect(parseAppConfig({ ...production, LOGTO_BASE_URL: 'http://localhost:3100' })).toMatchObject({ ok: true, config: { sesEvents: { localSignerUrl: signer } } });
    expect(problemsOf(production)).toEqual([
      expect.objectContaining({ variable: 'SES_EVENTS_LOCAL_SIGNER', message: expect.stringContaining('serves nobody but this machine'), summary: 'honoured only for a local setup' }),
    ]);
    expect(problemsOf({ ...valid, SES_EVENTS_LOCAL_SIGNER: 'https://evil.example/cert.pem' })).toEqual([expect.objectContaining({ variable: 'SES_EVENTS_LOCAL_SIGNER' })]);
  });

  it('gives every problem a general summary, and only the detailed message quotes values', () => {
    const problems = problemsOf({
      ...valid,
      LOGTO_APP_ID: undefined,
      LOGTO_BASE_URL: 'https://app.example.com/some/secret-path',
      LOGTO_COOKIE_SECRET: 'short-secret-value',
      TEST_SEND_RECIPIENT_LIMIT: 'often-value',
      TEST_SEND_ALLOWED_EMAILS: 'leaked-value',
    });
    expect(problems.map(({ variable, summary }) => `${variable}: ${summary}`).sort()).toEqual([
      'LOGTO_APP_ID: missing',
      'LOGTO_BASE_URL: not the origin of the app (it has a path, query or fragment)',
      'LOGTO_COOKIE_SECRET: shorter than 32 characters',
      'TEST_SEND_ALLOWED_EMAILS: not a comma-separated list of email addresses and @domains',
      'TEST_SEND_RECIPIENT_LIMIT: not a rate such as 5/10m',
    ]);
    const summaries = JSON.stringify(problems.map((problem) => problem.summary));
    for (const value of ['secret-path', 'short-secret-value', 'often-value', 'leaked-value']) expect(summaries).not.toContain(value);
    expect(JSON.stringify(problems.map((problem) => problem.message))).toContain('leaked-value');
  });
});

describe('LOGTO_SETUP_ADMINS and SES_EVENTS_ACCEPT_SIGNATURE_V1', () => {
  it('reads the setup admins as lower-cased addresses, and leaves them unset when blank', () => {
    expect(parseAppConfig({ ...valid, LOGTO_SETUP_ADMINS: ' Ops@Example.com, b@example.com ' })).toMatchObject({ ok: true, config: { setupAdmins: ['ops@example.com', 'b@example.com'] } });
    const unset = parseAppConfig({ ...valid, LOGTO_SETUP_ADMINS: ' ' });
    expect(unset.ok && unset.config.setupAdmins).toBeUndefined();
  });

  it('refuses an @domain entry, naming the variable and saying addresses go one by one', () => {
    expect(problemsOf({ ...valid, LOGTO_SETUP_ADMINS: 'ops@example.com, @example.com' })).toEqual([
      {
        variable: 'LOGTO_SETUP_ADMINS',
        summary: 'not a comma-separated list of email addresses',
        message: 'LOGTO_SETUP_ADMINS must be comma-separated email addresses (e.g. ops@example.com), one by one: @domain entries are not accepted here; not an address: @example.com.',
      },
    ]);
  });

  it('accepts SignatureVersion 1 only when asked to', () => {
    expect(parseAppConfig(valid)).toMatchObject({ ok: true, config: { sesEvents: { acceptSignatureVersion1: false } } });
    expect(parseAppConfig({ ...valid, SES_EVENTS_ACCEPT_SIGNATURE_V1: 'true' })).toMatchObject({ ok: true, config: { sesEvents: { acceptSignatureVersion1: true } } });
    expect(problemsOf({ ...valid, SES_EVENTS_ACCEPT_SIGNATURE_V1: 'yes' })).toMatchObject([{ variable: 'SES_EVENTS_ACCEPT_SIGNATURE_V1', summary: 'not true or false' }]);
  });
});

describe('parseSesEnvironment', () => {
  it('reads the SES settings alone, without any Logto setting', () => {
    const result = parseSesEnvironment({ AWS_SES_CONFIG: JSON.stringify(sesConfig), AWS_SES_ENDPOINT: 'http://127.0.0.1:8005', AWS_SES_TIMEOUT_MS: '2000' });
    expect(result).toMatchObject({ ok: true, ses: { state: 'configured', settings: { endpoint: 'http://127.0.0.1:8005', timeoutMs: 2000 } } });
    expect(parseSesEnvironment({})).toEqual({ ok: true, ses: { state: 'missing' }, eventTopicArns: [] });
  });

  it('reads the SES event topics with them (for npm run ses:doctor)', () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:ses-events';
    expect(parseSesEnvironment({ SES_EVENTS_TOPIC_ARNS: ` ${topic} ` })).toMatchObject({ ok: true, eventTopicArns: [topic] });
    expect(parseSesEnvironment({ SES_EVENTS_TOPIC_ARNS: 'not-an-arn' })).toMatchObject({ ok: false, problems: [{ variable: 'SES_EVENTS_TOPIC_ARNS' }] });
  });

  it('reports bad SES variables as problems', () => {
    expect(parseSesEnvironment({ AWS_SES_TIMEOUT_MS: 'soon' })).toMatchObject({ ok: false, problems: [{ variable: 'AWS_SES_TIMEOUT_MS' }] });
  });
});
