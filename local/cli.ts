/**
 * Shared plumbing for the stand-ins' command-line entries (`local/*\/main.ts`, `local/dev.ts`).
 */

/** Thrown for problems the user can fix; the CLI prints only the message, never a stack trace. */
export class LocalSetupError extends Error {}

/**
 * The stand-ins accept any email and hold well-known secrets: they must never serve real users.
 * Checked by every entry point and by the servers themselves, so no wiring can skip it.
 */
export function refuseInProduction(component: string): void {
  if (process.env.NODE_ENV === 'production') {
    throw new LocalSetupError(
      `${component} is a local development stand-in and refuses to run with NODE_ENV=production. ` +
        'Point LOGTO_ENDPOINT at a real Logto tenant and configure Amazon SES instead.',
    );
  }
}

export function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new LocalSetupError(`${name} must be a port number between 1 and 65535, got "${raw}".`);
  }
  return port;
}

/** Runs a CLI's main function; setup errors exit with status 1 and a one-line message. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof LocalSetupError) {
      console.error(`Error: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  });
}
