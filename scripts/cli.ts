import { parseArgs, type ParseArgsConfig } from 'node:util';

import { localAppEnvironment } from '../local/app-environment';
import { localDefaults } from '../local/defaults';

/** What every CLI in scripts/ shares: reading its arguments, the local settings, its exit. */

type Out = { log: (line: string) => void; error: (line: string) => void };

/**
 * The arguments, or the exit status when there is nothing to run: 0 after printing the usage
 * for --help, 2 after naming what is wrong with them.
 */
export function readArguments<T extends ParseArgsConfig>(config: T, usage: string, out: Out = console): ReturnType<typeof parseArgs<T>> | number {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs(config);
  } catch (error) {
    out.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    out.log(usage);
    return 0;
  }
  return parsed;
}

/**
 * With neither AWS_SES_CONFIG nor LOGTO_ENDPOINT set, the SES settings `npm run dev` gives the
 * app: the local stand-in, at the AWS_SES_ENDPOINT the developer set if any. `localEndpoint` is
 * set then, for the CLI to say so.
 */
export function sesEnvironmentOrLocal(env: Record<string, string | undefined>): { env: Record<string, string | undefined>; localEndpoint?: string } {
  if (env.AWS_SES_CONFIG?.trim() || env.LOGTO_ENDPOINT?.trim()) return { env };
  const local = localAppEnvironment(localDefaults.dev);
  const localEndpoint = env.AWS_SES_ENDPOINT?.trim() || local.AWS_SES_ENDPOINT;
  return { env: { ...env, AWS_SES_CONFIG: local.AWS_SES_CONFIG, AWS_SES_ENDPOINT: localEndpoint }, localEndpoint };
}

/**
 * Ends a CLI with the exit status its `main` returns. A throw is a bug (the CLIs answer every
 * failure they expect themselves): its message is left out in case it quotes a setting; the
 * stack says where it happened.
 */
export function exitWith(main: () => Promise<number>): void {
  main().then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      const where = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
      console.error(`Unexpected ${error instanceof Error ? error.name : typeof error}\n${where}`);
      process.exitCode = 1;
    },
  );
}
