import { parseAppConfig, type AppConfig } from './app-config';

/** The Logto settings of a deployment, valid as they are: tests add to them or spoil one. */
export const logtoTestEnv = {
  LOGTO_ENDPOINT: 'https://tenant.logto.app',
  LOGTO_APP_ID: 'app-id',
  LOGTO_APP_SECRET: 'app-secret',
  LOGTO_BASE_URL: 'https://app.example.com',
  LOGTO_COOKIE_SECRET: 'x'.repeat(32),
};

/** `env` through the real parser; a test whose own settings do not validate stops here, saying why. */
export function parsedTestConfig(env: Record<string, string | undefined>): AppConfig {
  const result = parseAppConfig(env);
  if (!result.ok) throw new Error(`test configuration is invalid: ${JSON.stringify(result.problems)}`);
  return result.config;
}
