import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { spawnSync } from 'node:child_process';

import { ratio, type Summary } from './stats';

/**
 * The bench's output: one markdown table (figure | floor | app | ratio | target | met?), each
 * numeric cell "median / min" over the runs, and the machine it ran on. The table is printed,
 * and kept with the machine under test-results/figures/.
 */

export type Unit = 'req/s' | 'ms' | 'µs' | 'B' | 's' | 'MiB' | '%';

export type Target = {
  text: string;
  /** Judged on the medians. */
  met: (app: number, reference: number | undefined) => boolean;
};

export type Row = {
  figure: string;
  unit: Unit;
  /** The floor app's figure, or for test-send the direct SDK send; absent when there is none. */
  reference?: Summary;
  app: Summary;
  /** How the ratio column compares app with reference: app ÷ reference, or app − reference. */
  compare?: 'ratio' | 'difference';
  target?: Target;
};

const decimals: Record<Unit, number> = { 'req/s': 0, ms: 1, µs: 1, B: 0, s: 1, MiB: 1, '%': 1 };

export function formatValue(value: number, unit: Unit): string {
  const number = value.toLocaleString('en-US', { minimumFractionDigits: decimals[unit], maximumFractionDigits: decimals[unit] });
  return unit === '%' ? `${number} %` : `${number} ${unit}`;
}

/** "median / min", or the one value when every run gave the same (a size, a single reading). */
function cell(summary: Summary | undefined, unit: Unit): string {
  if (!summary) return '—';
  const median = formatValue(summary.median, unit);
  return summary.min === summary.median ? median : `${median} / ${formatValue(summary.min, unit)}`;
}

function signed(value: number, unit: Unit): string {
  return `${value >= 0 ? '+' : '−'}${formatValue(Math.abs(value), unit)}`;
}

function comparison(row: Row): string {
  const { reference, app, compare } = row;
  if (!reference || !compare) return '—';
  const pair = (median: string, min: string) => (median === min ? median : `${median} / ${min}`);
  if (compare === 'difference') return pair(signed(app.median - reference.median, row.unit), signed(app.min - reference.min, row.unit));
  const times = (value: number) => `${value.toFixed(2)}×`;
  return pair(times(ratio(app.median, reference.median)), times(ratio(app.min, reference.min)));
}

function met(row: Row): string {
  if (!row.target) return '—';
  return row.target.met(row.app.median, row.reference?.median) ? 'yes' : '**no**';
}

export function renderTable(rows: Row[]): string {
  const lines = ['| figure | floor | app | ratio | target | met? |', '|---|---:|---:|---:|---|---|'];
  for (const row of rows) {
    lines.push(`| ${row.figure} | ${cell(row.reference, row.unit)} | ${cell(row.app, row.unit)} | ${comparison(row)} | ${row.target?.text ?? '—'} | ${met(row)} |`);
  }
  return lines.join('\n');
}

export type Machine = { cpu: string; cores: number; memoryGiB: number; node: string; next: string; commit: string; date: string };

export function describeMachine(date: Date): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).stdout.trim() !== '';
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.versions.node,
    next: (JSON.parse(readFileSync('node_modules/next/package.json', 'utf8')) as { version: string }).version,
    commit: commit ? `${commit}${dirty ? ' with uncommitted changes' : ''}` : 'unknown',
    date: date.toISOString(),
  };
}

/** The latest run, as docs/PERFORMANCE.md keeps it between its figure markers (testing/figures.ts). */
export function renderLatest({ table, machine, notes }: { table: string; machine: Machine; notes: string[] }): string {
  return [
    `${machine.date} · ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB · Node ${machine.node} · Next.js ${machine.next} · commit ${machine.commit}`,
    '',
    table,
    '',
    ...notes.map((note) => `- ${note}`),
  ].join('\n');
}
