/**
 * A person recognises a session by its browser and system, not by a user-agent string: the
 * most specific known names (product names, the same in every language); the page says them in
 * a sentence of its language ("Chrome on Linux", "Linux 上的 Chrome"). Pure.
 */
const browsers: [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bFirefox\//, 'Firefox'],
  [/\b(Headless)?Chrom(e|ium)\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];

const systems: [RegExp, string][] = [
  [/\bAndroid\b/, 'Android'],
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

const nameIn = (table: [RegExp, string][], userAgent: string) => table.find(([pattern]) => pattern.test(userAgent))?.[1];

export type Device = { browser?: string; system?: string };

export function deviceOf(userAgent: string | undefined): Device {
  if (!userAgent) return {};
  return { browser: nameIn(browsers, userAgent), system: nameIn(systems, userAgent) };
}
