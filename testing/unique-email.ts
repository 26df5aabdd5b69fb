import { randomUUID } from 'node:crypto';

import { testEmailDomain } from './test-environment';

/**
 * A recipient no other test uses: every suite shares its inbox with everything else that sends,
 * and tests pick their mail by recipient. At `testEmailDomain` unless told otherwise, which the
 * test environment allows to test-send.
 */
export const uniqueEmail = (label: string, domain = testEmailDomain) => `${label}-${randomUUID().slice(0, 12)}@${domain}`;
