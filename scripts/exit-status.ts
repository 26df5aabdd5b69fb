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
