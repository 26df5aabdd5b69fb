import { formatConfigProblems, parseAppConfig, type ConfigResult } from './app-config';

export type { AppConfig, ConfigProblem, ConfigResult, RateLimitRule, SesStatus } from './app-config';
export { formatConfigProblems } from './app-config';

// Next bundles the proxy, pages and route handlers separately, each with its own copy of this
// module; a process-wide slot keeps it to one parse and one log line per server process.
const slot = Symbol.for('logto-ses-next.config');
const processGlobal = globalThis as { [slot]?: ConfigResult };

/**
 * The validated configuration, parsed once per server process. A bad configuration is logged
 * once, as a list of what to fix, and returned (not thrown) so pages can explain it.
 */
export function getConfig(): ConfigResult {
  let result = processGlobal[slot];
  if (!result) {
    result = parseAppConfig(process.env);
    processGlobal[slot] = result;
    if (!result.ok) console.error(formatConfigProblems(result.problems));
  }
  return result;
}

/** `next dev`: React's debugging tools need eval, and hot reload a websocket. */
export const isDevelopment = process.env.NODE_ENV === 'development';

/**
 * The build's output folder, as next.config.ts built it in (`env`), so that the server looks
 * where this build wrote, whatever the server's own environment says.
 */
export const buildDistDir = process.env.BUILD_DIST_DIR || '.next';
