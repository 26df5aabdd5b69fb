import { processWide } from '@/lib/process/process-wide';

import { formatConfigProblems, parseAppConfig, type ConfigResult } from './app-config';

export type { AppConfig, ConfigProblem, ConfigResult, RateLimitRule, SesStatus } from './app-config';
export { formatConfigProblems, publicProblemLine } from './app-config';

/**
 * The validated configuration, parsed once per server process (lib/process/process-wide.ts).
 * A bad configuration is logged once, as a list of what to fix, and returned (not thrown) so
 * pages can explain it.
 */
export function getConfig(): ConfigResult {
  return processWide('config', () => {
    const result = parseAppConfig(process.env);
    if (!result.ok) console.error(formatConfigProblems(result.problems));
    return result;
  });
}

/** `next dev`: React's debugging tools need eval, and hot reload a websocket. */
export const isDevelopment = process.env.NODE_ENV === 'development';

/**
 * The build's output folder, as next.config.ts built it in (`env`), so that the server looks
 * where this build wrote, whatever the server's own environment says.
 */
export const buildDistDir = process.env.BUILD_DIST_DIR || '.next';
