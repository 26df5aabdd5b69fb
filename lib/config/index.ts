import { formatConfigProblems, parseAppConfig, type AppConfig, type ConfigResult } from './app-config';

export type { AppConfig, ConfigProblem, ConfigResult, RateLimitRule, SesStatus } from './app-config';
export { formatConfigProblems } from './app-config';

let cached: ConfigResult | undefined;

/**
 * The validated configuration, parsed once per server process. A bad configuration is logged
 * once, as a list of what to fix, and returned (not thrown) so pages can explain it.
 */
export function getConfig(): ConfigResult {
  if (!cached) {
    cached = parseAppConfig(process.env);
    if (!cached.ok) console.error(formatConfigProblems(cached.problems));
  }
  return cached;
}

/** For code paths that only run once the configuration is known to be valid. */
export function requireConfig(): AppConfig {
  const result = getConfig();
  if (!result.ok) throw new Error('requireConfig() called with an invalid configuration');
  return result.config;
}

/** `next dev`: React's debugging tools need eval, and hot reload a websocket. */
export const isDevelopment = process.env.NODE_ENV === 'development';
