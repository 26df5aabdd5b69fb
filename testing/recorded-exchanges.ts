/**
 * How the replay tests of the stand-ins (local/idp's Management API and Account API) hold an
 * answer to one recorded from a real Logto: the same shape, i.e. the same keys with the same
 * value types, and equal values where a client branches on them. Ids, secrets, tokens and
 * timestamps differ by nature.
 */

export type ShapeRules = {
  /** Keys whose values are compared exactly (codes, messages, scopes...); `<placeholder>`s excepted. */
  exactKeys: ReadonlySet<string>;
  /** An exact key whose value may still differ at that place (free text, e.g. an app's name). */
  freeText?: (key: string, at: string) => boolean;
  /** Objects keyed by ids (e.g. client ids): their values are compared, not their keys. */
  keyedByIds?: (at: string) => boolean;
};

const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Where `actual` differs in shape from `expected` (empty when they match). */
export function shapeDifferences(expected: unknown, actual: unknown, rules: ShapeRules, at = '$'): string[] {
  if (kind(expected) !== kind(actual)) return [`${at}: expected ${kind(expected)}, got ${kind(actual)}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0) return actual.length === 0 ? [] : [`${at}: expected an empty array`];
    if (actual.length === 0) return [`${at}: expected a non-empty array`];
    // Item by item where the recording has one (form items differ from each other), else like the first.
    return actual.flatMap((item, index) => shapeDifferences(expected[index] ?? expected[0], item, rules, `${at}[${index}]`));
  }
  if (kind(expected) !== 'object') return [];
  const want = expected as Record<string, unknown>;
  const got = actual as Record<string, unknown>;
  if (rules.keyedByIds?.(at)) {
    const sample = Object.values(want)[0];
    return Object.values(got).flatMap((value, index) => shapeDifferences(sample, value, rules, `${at}[${index}]`));
  }
  const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
  return [...keys].flatMap((key) => {
    if (!(key in got)) return [`${at}.${key}: missing`];
    if (!(key in want)) return [`${at}.${key}: not in the recording`];
    const value = want[key];
    const placeholder = typeof value === 'string' && value.startsWith('<');
    if (rules.exactKeys.has(key) && typeof value !== 'object' && !placeholder && value !== got[key]) {
      return rules.freeText?.(key, at) ? [] : [`${at}.${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got[key])}`];
    }
    return shapeDifferences(value, got[key], rules, `${at}.${key}`);
  });
}
