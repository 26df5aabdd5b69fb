import { describe, expect, it } from 'vitest';

import { formatValue, renderTable, type Row } from './report';
import { summarize } from './stats';

const atLeastFloor = { text: '≥ 1.0× floor', met: (app: number, floor = Number.NaN) => app >= floor };

describe('formatValue', () => {
  it('groups thousands and gives each unit its precision', () => {
    expect(formatValue(12345.6, 'req/s')).toBe('12,346 req/s');
    expect(formatValue(3.14159, 'ms')).toBe('3.1 ms');
    expect(formatValue(1024, 'B')).toBe('1,024 B');
    expect(formatValue(12.34, '%')).toBe('12.3 %');
  });
});

describe('renderTable', () => {
  it('shows median / min, the ratio of both and whether the median meets the target', () => {
    const rows: Row[] = [
      { figure: 'home: requests/s', unit: 'req/s', reference: summarize([1000, 900, 1100]), app: summarize([950, 800, 1000]), compare: 'ratio', target: atLeastFloor },
    ];
    expect(renderTable(rows).split('\n')).toEqual([
      '| figure | floor | app | ratio | target | met? |',
      '|---|---:|---:|---:|---|---|',
      '| home: requests/s | 1,000 req/s / 900 req/s | 950 req/s / 800 req/s | 0.95× / 0.89× | ≥ 1.0× floor | **no** |',
    ]);
  });

  it('shows differences with a sign, one value when the runs agree, and dashes for what a row lacks', () => {
    const rows: Row[] = [
      { figure: 'JS', unit: 'B', reference: summarize([1000, 1000]), app: summarize([1500, 1500]), compare: 'difference', target: { text: '≤ floor + 1,024 B', met: (app, floor = 0) => app <= floor + 1024 } },
      { figure: 'loop', unit: 'ms', app: summarize([900, 800, 1000]) },
      { figure: 'faster', unit: 'ms', reference: summarize([5]), app: summarize([3]), compare: 'difference' },
    ];
    expect(renderTable(rows).split('\n').slice(2)).toEqual([
      '| JS | 1,000 B | 1,500 B | +500 B | ≤ floor + 1,024 B | yes |',
      '| loop | — | 900.0 ms / 800.0 ms | — | — | — |',
      '| faster | 5.0 ms | 3.0 ms | −2.0 ms | — | — |',
    ]);
  });
});
