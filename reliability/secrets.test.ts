import { describe, expect, it } from 'vitest';

import { localAppEnvironment } from '../local/app-environment';
import { localDefaults } from '../local/defaults';
import { secretsIn, secretsOf } from './secrets';

const secrets = secretsOf(localAppEnvironment(localDefaults.test));

describe('secretsIn', () => {
  it('finds each secret of the local environment, the Basic credential included', () => {
    const basic = Buffer.from(`${localDefaults.appId}:${localDefaults.appSecret}`).toString('base64');
    expect(secretsIn(`Authorization: Basic ${basic}`, secrets)).toEqual(['Logto Basic credential']);
    expect(secretsIn(`key ${localDefaults.awsAccessKeyId} / ${localDefaults.awsAccessKeySecret}`, secrets)).toEqual(['AWS accessKeySecret', 'AWS accessKeyId']);
    expect(secretsIn(`cookie ${localDefaults.cookieSecret}`, secrets)).toEqual(['LOGTO_COOKIE_SECRET']);
  });

  it('finds nothing in an answer that only names the settings', () => {
    expect(secretsIn('LOGTO_APP_SECRET is missing; accessKeyId AKIA…PLE1 (set, hidden)', secrets)).toEqual([]);
  });
});
