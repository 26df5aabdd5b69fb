import { describe, expect, it } from 'vitest';

import { baselineRevFromArgs } from './baseline';
import { parseCpuList } from './cpu-pinning';
import { inlineScripts, scriptSources } from './first-load-js';
import { parseStat, parseVmHwmKiB } from './memory';

describe('parseCpuList', () => {
  it('reads the answer of taskset -p and plain lists with ranges', () => {
    expect(parseCpuList("pid 42's current affinity list: 0,1\n")).toEqual([0, 1]);
    expect(parseCpuList('0-2,5')).toEqual([0, 1, 2, 5]);
  });

  it('refuses what is not a list', () => {
    expect(() => parseCpuList('pid 1: x')).toThrow('Not a CPU list');
  });
});

describe('the /proc readers', () => {
  it('find the process group after a command holding spaces and parentheses', () => {
    expect(parseStat('9806 (next-server (v1) S 9805 9806 9806 0 -1')).toEqual({ command: 'next-server (v1', processGroup: 9806 });
  });

  it('read VmHWM in KiB, and 0 when a process has none', () => {
    expect(parseVmHwmKiB('Name:\tnode\nVmPeak:\t  999 kB\nVmHWM:\t  132032 kB\nVmRSS:\t 1 kB\n')).toBe(132032);
    expect(parseVmHwmKiB('Name:\tkthreadd\n')).toBe(0);
  });
});

describe('the scripts of a page', () => {
  const html = [
    '<script src="/_next/static/chunks/a.js" async=""></script>',
    '<script nonce="n" src="http://localhost:3400/_next/static/chunks/b.js?dpl=x&amp;v=1"></script>',
    '<script src="/_next/static/chunks/a.js"></script>',
    '<script src="https://cdn.example.com/_next/c.js"></script>',
    '<script src="/other/d.js"></script>',
    '<script nonce="n">self.__next_f.push([1,"x"])</script>',
    '<SCRIPT>1</SCRIPT>',
  ].join('');

  it('are the same-origin /_next/ sources, each once, in document order', () => {
    expect(scriptSources(html, 'http://localhost:3400/')).toEqual([
      'http://localhost:3400/_next/static/chunks/a.js',
      'http://localhost:3400/_next/static/chunks/b.js?dpl=x&v=1',
    ]);
  });

  it('and, apart, the inline bodies', () => {
    expect(inlineScripts(html)).toEqual(['self.__next_f.push([1,"x"])', '1']);
  });
});

describe('baselineRevFromArgs', () => {
  it('reads --baseline <rev> and --baseline=<rev>, and nothing when absent', () => {
    expect(baselineRevFromArgs(['--baseline', 'main~1'])).toBe('main~1');
    expect(baselineRevFromArgs(['--baseline=645f29c'])).toBe('645f29c');
    expect(baselineRevFromArgs([])).toBeUndefined();
  });

  it('refuses a missing revision and options it does not know', () => {
    expect(() => baselineRevFromArgs(['--baseline'])).toThrow('--baseline needs a git revision');
    expect(() => baselineRevFromArgs(['--baseline', '--fast'])).toThrow('--baseline needs a git revision');
    expect(() => baselineRevFromArgs(['--base', 'x'])).toThrow('Unknown option --base');
  });
});
