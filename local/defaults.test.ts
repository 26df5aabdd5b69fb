import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { formatConfigProblems, parseAppConfig } from '../lib/config/app-config';
import { publishedLocalValueFingerprints } from '../lib/config/published-local-values';

import { localAppEnvironment, randomLocalSecrets } from './app-environment';
import { localDefaults } from './defaults';

const published = [localDefaults.appSecret, localDefaults.cookieSecret, localDefaults.m2mAppSecret, localDefaults.awsAccessKeyId, localDefaults.awsAccessKeySecret];

describe('the published local values', () => {
  it('are all fingerprinted in lib/config, so production can refuse them', () => {
    const fingerprints = published.map((value) => createHash('sha256').update(value).digest('hex'));
    expect([...publishedLocalValueFingerprints].sort()).toEqual(fingerprints.sort());
  });

  it('are refused in production, naming each variable and field, never quoting them', () => {
    const result = parseAppConfig({ ...localAppEnvironment(localDefaults.test), NODE_ENV: 'production' });
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((problem) => problem.variable).sort()).toEqual(['AWS_SES_CONFIG', 'LOGTO_APP_SECRET', 'LOGTO_COOKIE_SECRET', 'LOGTO_M2M_APP_SECRET']);
    expect(result.problems.find((problem) => problem.variable === 'AWS_SES_CONFIG')?.message).toMatch(/accessKeyId.*accessKeySecret/);
    for (const problem of result.problems) expect(problem.summary).toContain('published');
    const text = JSON.stringify(result.problems) + formatConfigProblems(result.problems);
    for (const value of published) expect(text).not.toContain(value);
  });

  it('are accepted by next dev and the tests; fresh random secrets are accepted in production', () => {
    expect(parseAppConfig({ ...localAppEnvironment(localDefaults.dev), NODE_ENV: 'development' }).ok).toBe(true);
    expect(parseAppConfig(localAppEnvironment(localDefaults.test)).ok).toBe(true);
    const secrets = randomLocalSecrets();
    expect(parseAppConfig({ ...localAppEnvironment(localDefaults.test, { secrets }), NODE_ENV: 'production' }).ok).toBe(true);
    expect(randomLocalSecrets()).not.toEqual(secrets);
  });
});

describe('the local names', () => {
  it("are the product's one name: on the local sign-in card and as the code mails' sender (AWS_SES_CONFIG of npm run dev)", () => {
    expect(localDefaults.appName).toBe('Logto SES sign-in');
    expect(localDefaults.senderAddress).toBe('Logto SES sign-in <no-reply@example.com>');
    expect(JSON.parse(localAppEnvironment(localDefaults.dev).AWS_SES_CONFIG ?? '{}')).toMatchObject({ emailAddress: 'Logto SES sign-in <no-reply@example.com>' });
  });
});
