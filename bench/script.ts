import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { reverseOrderStopper, type Stopper } from '../testing/stopper';
import { BaselineError } from './baseline';
import { PreflightError } from './preflight';

/**
 * How `npm run bench:instructions` and `npm run bench:profile` run: everything they start is
 * stopped at the end or on Ctrl-C, their scratch folder removed, and a failure the bench
 * explains (a page that does not answer as it should, a baseline it cannot use) is printed as
 * its message, anything else with its stack.
 */
export function runBenchScript(name: string, body: (tools: { stopper: Stopper; scratchDir: string }) => Promise<void>): void {
  const stopper = reverseOrderStopper();
  process.once('SIGINT', () => void stopper.stop().finally(() => process.exit(130)));
  const run = async () => {
    try {
      const scratchDir = await mkdtemp(path.join(tmpdir(), `logto-ses-${name}-`));
      stopper.add(() => rm(scratchDir, { recursive: true, force: true }));
      await body({ stopper, scratchDir });
    } finally {
      await stopper.stop();
    }
  };
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof PreflightError || error instanceof BaselineError ? `[${name}] ${error.message}` : error);
      process.exit(1);
    },
  );
}
