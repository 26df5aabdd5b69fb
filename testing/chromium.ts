import { existsSync } from 'node:fs';

/** Debian's chromium on these machines, or PLAYWRIGHT_CHROMIUM_PATH; Playwright's own elsewhere. */
export const chromiumPath = process.env.PLAYWRIGHT_CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Without these, Chromium keeps trying to reach Google's hosts on a closed network. */
export const offlineChromiumArgs = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
