/**
 * The value at `path` in `source`, following own properties only (never `constructor` or
 * `__proto__`), or undefined when the path leads nowhere.
 */
export function valueAtPath(source: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = source;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
