/**
 * `npm run bench` (not part of `npm test`): builds the product and the floor app (bench/floor)
 * for production, starts both with the local IdP and inbox, and measures each figure over 3
 * runs: home-page throughput and latency signed out and signed in against the floor, first-load
 * JavaScript, the sign-in loop in Chromium, test-send latency against a direct SDK send, build
 * time, peak memory and the session read. With `-- --baseline <rev>` it also builds that
 * revision and measures its home in the same rounds (bench/baseline.ts), for a before and after
 * in one run. Prints a markdown table, writes bench/results/<timestamp>.json and keeps the table
 * under test-results/figures/ (`npm run docs:figures` puts it into docs/PERFORMANCE.md).
 * Targets are reported, never asserted: the exit code says only whether the bench itself ran.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { figureReports, writeLatestFigures } from '../testing/figures';
import { reverseOrderStopper, type Stopper } from '../testing/stopper';
import { BaselineError, baselineRevFromArgs, prepareBaseline, type Baseline } from './baseline';
import { timedBuild } from './build';
import { pinThisProcess, planPinning } from './cpu-pinning';
import { rowsOf, type Measurements } from './figures';
import { firstLoadJs } from './first-load-js';
import { loadSettings, measureLoad, type LoadResult } from './load';
import { peakMemoryOfGroup } from './memory';
import { checkPages, PreflightError, signedInSession, type BenchSession } from './preflight';
import { describeMachine, formatValue, renderLatest, renderTable, type Row } from './report';
import { measureSessionRead, sessionReadSettings } from './session-read';
import { createAccount, launchBrowser, signInLoop, type SignInLoop } from './sign-in-loop';
import { startBenchStack, type BenchStack } from './stack';
import { testSenders, testSendSettings } from './test-send-latency';

const runs = 3;
const signInLoopsPerRun = 5;
const resultsDir = path.join('bench', 'results');

const log = (line: string) => console.log(`[bench] ${line}`);
const ms = (value: number) => formatValue(value, 'ms');

/** Product and floor builds alternate, so that a busier moment of the machine hits both. */
async function buildBoth(stopper: Stopper): Promise<Measurements['builds']> {
  const builds: Measurements['builds'] = { product: [], floor: [] };
  for (let run = 1; run <= runs; run += 1) {
    for (const target of ['product', 'floor'] as const) {
      const took = await timedBuild(target, stopper);
      builds[target].push(took);
      log(`next build, ${target}, run ${run}/${runs}: ${formatValue(took / 1000, 's')}`);
    }
  }
  return builds;
}

type LoadRounds = Pick<Measurements, 'load' | 'baseline'>;

/**
 * Floor, signed out, signed in (and the baseline's two), then again: drift of the machine
 * affects every page alike.
 */
async function measureLoads(stack: BenchStack, session: BenchSession, problems: string[]): Promise<LoadRounds> {
  const load: Measurements['load'] = { floor: [], signedOut: [], signedIn: [] };
  const pages: [string, LoadResult[], string, string | undefined][] = [
    ['floor', load.floor, stack.floorUrl, undefined],
    ['signed out', load.signedOut, stack.appUrl, undefined],
    ['signed in', load.signedIn, stack.appUrl, session.cookie],
  ];
  let baseline: Measurements['baseline'];
  if (stack.baseline) {
    const { commit, url } = stack.baseline;
    baseline = { commit, load: { signedOut: [], signedIn: [] } };
    pages.push([`baseline ${commit} signed out`, baseline.load.signedOut, url, undefined]);
    pages.push([`baseline ${commit} signed in`, baseline.load.signedIn, url, session.cookie]);
  }
  for (let run = 1; run <= runs; run += 1) {
    for (const [name, results, url, cookie] of pages) {
      const result: LoadResult = await measureLoad(url, cookie);
      results.push(result);
      log(`load, ${name}, run ${run}/${runs}: ${formatValue(result.rps, 'req/s')}, p50 ${ms(result.p50Ms)}, p99 ${ms(result.p99Ms)}`);
      if (result.non2xx + result.errors > 0) {
        problems.push(`load run ${run} of ${name}: ${result.non2xx} answers other than 2xx and ${result.errors} connection errors in ${result.requests} requests`);
      }
    }
  }
  return { load, baseline };
}

async function measureFirstLoadJs(stack: BenchStack, session: BenchSession): Promise<Measurements['firstLoadJs']> {
  const measured: Measurements['firstLoadJs'] = { floor: [], signedOut: [], signedIn: [] };
  for (let run = 1; run <= runs; run += 1) {
    measured.floor.push(await firstLoadJs(stack.floorUrl));
    measured.signedOut.push(await firstLoadJs(stack.appUrl));
    measured.signedIn.push(await firstLoadJs(stack.appUrl, session.cookie));
  }
  const last = (pages: { gzipBytes: number }[]) => formatValue(pages.at(-1)?.gzipBytes ?? 0, 'B');
  log(`first-load JS (gzip): floor ${last(measured.floor)}, signed out ${last(measured.signedOut)}, signed in ${last(measured.signedIn)}`);
  return measured;
}

async function measureSignInLoops(stack: BenchStack, stopper: Stopper): Promise<SignInLoop[][]> {
  const browser = await launchBrowser();
  stopper.add(() => browser.close());
  const email = await createAccount(browser, stack);
  log(`sign-in loop: warm-up created ${email}`);
  const measured: SignInLoop[][] = [];
  for (let run = 1; run <= runs; run += 1) {
    const loops: SignInLoop[] = [];
    for (let loop = 0; loop < signInLoopsPerRun; loop += 1) loops.push(await signInLoop(browser, stack, email));
    measured.push(loops);
    log(`sign-in loop, run ${run}/${runs}: ${loops.map((one) => `${ms(one.totalMs)} (app ${ms(one.appMs)})`).join(', ')}`);
  }
  await browser.close();
  return measured;
}

/** The app's route and the direct send alternate, run by run. */
async function measureTestSend(stack: BenchStack, session: BenchSession): Promise<Measurements['testSend']> {
  const senders = testSenders(stack, session);
  const measured: Measurements['testSend'] = { app: [], direct: [], refusedAtOnce: [] };
  for (let run = 1; run <= runs; run += 1) {
    const app = await senders.viaApp();
    const direct = await senders.direct();
    const refusedAtOnce = await senders.refusedAtOnce();
    measured.app.push(app);
    measured.direct.push(direct);
    measured.refusedAtOnce.push(refusedAtOnce);
    log(
      `test-send, run ${run}/${runs}: app p50 ${ms(app.p50Ms)} p99 ${ms(app.p99Ms)}; direct p50 ${ms(direct.p50Ms)} p99 ${ms(direct.p99Ms)}; ` +
        `415 at once p50 ${ms(refusedAtOnce.p50Ms)}`,
    );
  }
  return measured;
}

/** In the bench process, one read after another, run by run. */
async function measureSessionReads(stack: BenchStack, session: BenchSession): Promise<Measurements['sessionRead']> {
  const measured: Measurements['sessionRead'] = [];
  for (let run = 1; run <= runs; run += 1) {
    const result = await measureSessionRead(stack.appEnv, session);
    measured.push(result);
    log(`session read, run ${run}/${runs}: ${formatValue(result.microsecondsPerRead, 'µs')}`);
  }
  return measured;
}

async function measure(stopper: Stopper, problems: string[], notes: string[], baselineRev: string | undefined): Promise<Measurements> {
  const pinning = planPinning();
  log(`CPU pinning: ${pinning.note}`);
  const baseline: Baseline | undefined = baselineRev === undefined ? undefined : prepareBaseline(baselineRev, stopper);
  // Built before this process is pinned: a build's workers would inherit the one load core.
  const builds = await buildBoth(stopper);
  if (baseline) {
    log(`baseline ${baseline.rev} (${baseline.commit}) checked out in ${baseline.dir}`);
    const took = await timedBuild(baseline, stopper);
    log(`next build, baseline ${baseline.commit}: ${formatValue(took / 1000, 's')}`);
    notes.push(`Baseline: ${baseline.rev} (commit ${baseline.commit}), built once with the same settings and dependencies, served by \`next start\` on the server CPU beside the app, its home measured in the same rounds.`);
  }

  log(`starting the inbox, the IdP, the app${baseline ? ', the baseline' : ''} and the floor…`);
  const stack = await startBenchStack(stopper, pinning.serverCpus, baseline);
  if (pinning.pinned && !pinThisProcess(pinning.loadCpus)) problems.push(`taskset could not pin the bench process to CPU ${pinning.loadCpus}`);
  notes.push(`CPU pinning: ${pinning.note}.`);

  const session = await signedInSession(stack);
  await checkPages(stack, session);
  log(`signed in as ${session.email}; the signed-out home, the signed-in home and the floor answer as expected`);
  // With LOGTO_ACCOUNT_FEATURES=on the session holds an access and a refresh token besides the ID token.
  log(`session cookie: ${Buffer.byteLength(session.cookie)} bytes as sent (browsers drop a cookie over 4096)`);

  const { load, baseline: baselineLoad } = await measureLoads(stack, session, problems);
  if (stack.app.pid === undefined || stack.floor.pid === undefined) throw new Error('A server has no process id.');
  const memory = { app: await peakMemoryOfGroup(stack.app.pid), floor: await peakMemoryOfGroup(stack.floor.pid) };
  const firstLoadJs = await measureFirstLoadJs(stack, session);
  const sessionRead = await measureSessionReads(stack, session);
  // The loop and test-send time one person's wait, not throughput: the browser, the IdP and the
  // inbox may use every CPU again, while the servers stay on theirs.
  if (pinning.pinned && !pinThisProcess(pinning.allCpus)) problems.push(`taskset could not unpin the bench process (CPUs ${pinning.allCpus})`);
  return {
    builds,
    load,
    baseline: baselineLoad,
    memory,
    firstLoadJs,
    signInLoops: await measureSignInLoops(stack, stopper),
    testSend: await measureTestSend(stack, session),
    sessionRead,
  };
}

/** Rows without their functions, with whether each target was met, for the JSON file. */
const serializable = (rows: Row[]) =>
  rows.map(({ target, reference, ...row }) => ({ ...row, floor: reference, target: target?.text, met: target?.met(row.app.median, reference?.median) }));

async function main(): Promise<void> {
  const baselineRev = baselineRevFromArgs(process.argv.slice(2));
  const startedAt = new Date();
  const stopper = reverseOrderStopper();
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n[bench] ${signal}: stopping everything the bench started…`);
    void stopper.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const problems: string[] = [];
  const notes: string[] = [];
  let measured: Measurements;
  try {
    measured = await measure(stopper, problems, notes, baselineRev);
  } finally {
    await stopper.stop();
  }

  const rows = rowsOf(measured);
  const table = renderTable(rows);
  const machine = describeMachine(startedAt);
  notes.push(
    `Each cell: median / min over ${runs} runs (one value when the two are equal, or for a single reading); "met?" is judged on the medians; the ratio column is app ÷ floor, or app − floor for bytes and test-send.`,
    'Builds: cold (the build caches in the dist dir removed first), product and floor alternating, before anything is pinned.',
    `Load: autocannon, ${loadSettings.connections} connections for ${loadSettings.durationS} s after ${loadSettings.warmUpS} s of warm-up, runs interleaved floor / signed out / signed in.`,
    `Sign-in loop: from the click on "Sign in" on the loaded home page to the signed-in home, a fresh Chromium context each, ${signInLoopsPerRun} per run; the app's requests are the server-action POST, /callback and the signed-in home document. The servers stay on their core; Chromium, the IdP and the inbox may use every CPU.`,
    `Test-send: ${testSendSettings.requests} sequential requests after ${testSendSettings.warmUp} of warm-up per run; the floor column is the same mail sent by the AWS SDK from the bench process; "the route answering 415 at once" is the same route refusing a text/plain body before any check, the cost of a request to a Next route handler by itself.`,
    'Peak memory: VmHWM summed over the server process group, read once after all the load runs.',
    `Session read: the SDK's getLogtoContext steps (the cookie decrypted by the app's session wrapper, the client, the ID token's claims decoded) on the bench's cookie, ${sessionReadSettings.reads} reads one after another after ${sessionReadSettings.warmUp} of warm-up per run, in the bench process.`,
    ...problems.map((problem) => `**Problem:** ${problem}`),
  );
  console.log(`\n${table}\n\n${notes.map((note) => `- ${note}`).join('\n')}\n`);

  await mkdir(resultsDir, { recursive: true });
  const rawPath = path.join(resultsDir, `${startedAt.toISOString().replaceAll(':', '-')}.json`);
  const raw = { startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), machine, rows: serializable(rows), notes, measured };
  await writeFile(rawPath, `${JSON.stringify(raw, null, 2)}\n`);
  const latest = renderLatest({ table, machine, notes: [...notes, `Raw figures: ${rawPath} (not committed).`] });
  const figuresFile = await writeLatestFigures(figureReports.bench, latest);
  log(`written ${rawPath} and ${path.relative(process.cwd(), figuresFile)} (npm run docs:figures puts it into ${figureReports.bench.doc})`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // A page that does not answer as it should is explained in the message; anything else needs its stack.
    console.error(error instanceof PreflightError || error instanceof BaselineError ? `[bench] ${error.message}` : error);
    process.exit(1);
  },
);
