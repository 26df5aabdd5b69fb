/**
 * What Chromium logs because of the test harness, not the app: Playwright's trace recorder
 * (trace: 'retain-on-failure' records every test) tries to run in the connector page's email
 * previews, which are sandboxed without scripts, and Chromium reports that it refused. With
 * `--trace off` those frames log nothing, and a person's browser never sees it.
 */
export const isTraceRecorderNoise = (url: string, text: string) =>
  url === 'about:srcdoc' && text.startsWith("Blocked script execution in 'about:srcdoc'");
