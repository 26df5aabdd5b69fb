import type { FirstLoadJs } from './first-load-js';
import type { LoadResult } from './load';
import type { GroupMemory } from './memory';
import type { Row } from './report';
import type { SessionReadRun } from './session-read';
import type { SignInLoop } from './sign-in-loop';
import { median, summarize, summarizeField } from './stats';
import type { LatencyRun } from './test-send-latency';

/**
 * Everything one `npm run bench` measured, as written to bench/results/<timestamp>.json, and
 * the table rows made of it, with the targets the issue set (reported, not asserted).
 */

export type Measurements = {
  /** ms per build, one per run. */
  builds: { product: number[]; floor: number[] };
  load: { floor: LoadResult[]; signedOut: LoadResult[]; signedIn: LoadResult[] };
  /** `--baseline <rev>`: that revision's home, measured in the same rounds as this checkout's. */
  baseline?: { commit: string; load: { signedOut: LoadResult[]; signedIn: LoadResult[] } };
  /** One reading per server, after all the load runs. */
  memory: { app: GroupMemory; floor: GroupMemory };
  firstLoadJs: { floor: FirstLoadJs[]; signedOut: FirstLoadJs[]; signedIn: FirstLoadJs[] };
  /** One list of loops per run. */
  signInLoops: SignInLoop[][];
  testSend: { app: LatencyRun[]; direct: LatencyRun[]; refusedAtOnce: LatencyRun[] };
  sessionRead: SessionReadRun[];
};

/** Issue 14's targets for the signed-in home (its stretch goals: 0.9 and 1.2). */
const signedInTargets = { rps: 0.75, p99: 1.5 } as const;

const atLeast = (times: number) => ({ text: `≥ ${times.toFixed(2)}× floor`, met: (app: number, floor = Number.NaN) => app >= times * floor });
const atMost = (times: number) => ({ text: `≤ ${times.toFixed(2)}× floor`, met: (app: number, floor = Number.NaN) => app <= times * floor });

/** The floor's and the app's summaries of one field of their runs. */
function compared<T>(floor: T[], app: T[], field: (run: T) => number): Pick<Row, 'reference' | 'app'> {
  return { reference: summarizeField(floor, field), app: summarizeField(app, field) };
}

function loadRows(label: string, floor: LoadResult[], app: LoadResult[], signedIn: boolean): Row[] {
  return [
    { figure: `home ${label}: requests/s`, unit: 'req/s', ...compared(floor, app, (run) => run.rps), compare: 'ratio', target: atLeast(signedIn ? signedInTargets.rps : 1.0) },
    { figure: `home ${label}: p50 latency`, unit: 'ms', ...compared(floor, app, (run) => run.p50Ms), compare: 'ratio' },
    { figure: `home ${label}: p99 latency`, unit: 'ms', ...compared(floor, app, (run) => run.p99Ms), compare: 'ratio', target: signedIn ? atMost(signedInTargets.p99) : undefined },
  ];
}

const jsBudget = { text: '≤ floor + 1,024 B', met: (bytes: number, floorBytes = Number.NaN) => bytes <= floorBytes + 1024 };

function firstLoadRows(label: string, floor: FirstLoadJs[], app: FirstLoadJs[]): Row[] {
  return [
    { figure: `first-load JS of / ${label} (gzip)`, unit: 'B', ...compared(floor, app, (page) => page.gzipBytes), compare: 'difference', target: jsBudget },
    { figure: `inline scripts of / ${label} (gzip)`, unit: 'B', ...compared(floor, app, (page) => page.inline.gzipBytes), compare: 'difference' },
  ];
}

/** Per run: the median loop, the median time in the app's requests, and that as a share of the loop. */
export function signInLoopRuns(runs: SignInLoop[][]) {
  return runs.map((loops) => {
    const totalMs = median(loops.map((loop) => loop.totalMs));
    const appMs = median(loops.map((loop) => loop.appMs));
    return { totalMs, appMs, appSharePercent: (100 * appMs) / totalMs };
  });
}

export function rowsOf(measured: Measurements): Row[] {
  const { load, baseline, firstLoadJs, testSend, memory, builds, sessionRead } = measured;
  const loops = signInLoopRuns(measured.signInLoops);
  const seconds = (runs: number[]) => runs.map((ms) => ms / 1000);
  return [
    ...loadRows('signed out', load.floor, load.signedOut, false),
    ...loadRows('signed in', load.floor, load.signedIn, true),
    ...(baseline
      ? [
          ...loadRows(`signed out, baseline ${baseline.commit}`, load.floor, baseline.load.signedOut, false),
          ...loadRows(`signed in, baseline ${baseline.commit}`, load.floor, baseline.load.signedIn, true),
        ]
      : []),
    {
      figure: 'session read: cookie decrypted, claims decoded',
      unit: 'µs',
      app: summarizeField(sessionRead, (run) => run.microsecondsPerRead),
      target: { text: '< 100 µs', met: (us) => us < 100 },
    },
    ...firstLoadRows('signed out', firstLoadJs.floor, firstLoadJs.signedOut),
    ...firstLoadRows('signed in', firstLoadJs.floor, firstLoadJs.signedIn),
    { figure: 'sign-in loop in Chromium (median of 5)', unit: 'ms', app: summarizeField(loops, (run) => run.totalMs), target: { text: '< 1,000 ms', met: (ms) => ms < 1000 } },
    { figure: "sign-in loop: the app's requests", unit: 'ms', app: summarizeField(loops, (run) => run.appMs), target: { text: '< 100 ms', met: (ms) => ms < 100 } },
    { figure: "sign-in loop: the app's share", unit: '%', app: summarizeField(loops, (run) => run.appSharePercent) },
    {
      figure: 'test-send p50 (floor: direct SDK send)',
      unit: 'ms',
      ...compared(testSend.direct, testSend.app, (run) => run.p50Ms),
      compare: 'difference',
      target: { text: 'overhead < 5 ms', met: (app, direct = Number.NaN) => app - direct < 5 },
    },
    { figure: 'test-send p99 (floor: direct SDK send)', unit: 'ms', ...compared(testSend.direct, testSend.app, (run) => run.p99Ms), compare: 'difference' },
    { figure: 'test-send route answering 415 at once, p50', unit: 'ms', app: summarizeField(testSend.refusedAtOnce, (run) => run.p50Ms) },
    { figure: 'next build', unit: 's', reference: summarize(seconds(builds.floor)), app: summarize(seconds(builds.product)), compare: 'ratio' },
    { figure: 'server peak memory after the load (VmHWM)', unit: 'MiB', reference: summarize([memory.floor.totalMiB]), app: summarize([memory.app.totalMiB]), compare: 'ratio' },
  ];
}
