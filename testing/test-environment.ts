import { localAppEnvironment, randomLocalSecrets, type LocalAppEnvironment, type LocalSecrets } from '../local/app-environment';
import type { LocalPorts } from '../local/defaults';

/**
 * The one rule for what a test run is: a production build of the app wired to the local
 * stand-ins on the suite's ports, with secrets drawn for the run (`next start` refuses the
 * published ones), every server on loopback, and test mail only to addresses at
 * `testEmailDomain`. The e2e suite, the reliability suite and the bench all start from here.
 */

/** Where every uniqueEmail() lives; the app lets those addresses (and no others) test-send. */
export const testEmailDomain = 'example.com';

export const testSendAllowedEmails = `@${testEmailDomain}`;

/**
 * The only accounts that may change the tenant from /setup (LOGTO_SETUP_ADMINS takes whole
 * addresses): one per journey that signs in as one, so that no two sign up the same address.
 */
export const setupAdminEmails = {
  fix: `setup-admin@${testEmailDomain}`,
  sync: `setup-sync@${testEmailDomain}`,
  // e2e/every-page.spec.ts looks at the setup page as an admin sees it, and presses nothing.
  look: `setup-look@${testEmailDomain}`,
} as const;

export type TestAppEnvironment = LocalAppEnvironment & { TEST_SEND_ALLOWED_EMAILS: string; LOGTO_SETUP_ADMINS: string; LOGTO_ACCOUNT_FEATURES: 'on' };

export function testAppEnvironment(
  ports: LocalPorts,
  options: { secrets?: LocalSecrets; logtoEndpoint?: string; sesConfigJson?: string } = {},
): TestAppEnvironment {
  return {
    ...localAppEnvironment(ports, { ...options, secrets: options.secrets ?? randomLocalSecrets() }),
    TEST_SEND_ALLOWED_EMAILS: testSendAllowedEmails,
    // The stand-in serves the Account API, so every suite runs the app with /account's features.
    LOGTO_ACCOUNT_FEATURES: 'on',
    LOGTO_SETUP_ADMINS: Object.values(setupAdminEmails).join(','),
  };
}

/** The hosts a test may talk to: this machine, by name or address. */
export const loopbackHosts: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export const isLoopbackUrl = (url: string | URL) => URL.canParse(url) && loopbackHosts.has(new URL(url).hostname);
