/**
 * One value per server process. Next bundles the proxy, the pages, the route handlers and the
 * server actions separately, and each bundle gets its own copy of every module: a module-level
 * `let` is one value per bundle, so a limiter kept that way would count the API's sends and the
 * form's sends apart. `globalThis` is the one object all bundles of a process share; a
 * `Symbol.for` key is the same symbol in every bundle.
 */

const prefix = 'logto-ses-next.';

type Slots = Record<symbol, unknown>;

const slots = globalThis as unknown as Slots;

/** The process's value under `name`, made by `create` the first time any bundle asks. */
export function processWide<T>(name: string, create: () => T): T {
  const key = Symbol.for(prefix + name);
  if (!(key in slots)) slots[key] = create();
  return slots[key] as T;
}

/** Replaces the process's value under `name` (a value that depends on settings that changed). */
export function replaceProcessWide<T>(name: string, value: T): T {
  slots[Symbol.for(prefix + name)] = value;
  return value;
}
