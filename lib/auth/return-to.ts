/**
 * Where to send someone after sign-in. Only a path on this app is accepted, so a crafted link
 * can never turn sign-in into a redirect to another site.
 */
export function safeReturnTo(value: unknown, origin: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return '/';
  // A single leading slash only: "//evil.example" and "/\evil.example" are other hosts to a browser.
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f]/.test(value)) return '/';
  try {
    const resolved = new URL(value, origin);
    if (resolved.origin !== origin) return '/';
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return '/';
  }
}

/** The same rule for an absolute URL that came back from the SDK's sign-in session. */
export function returnPathOf(url: string | undefined, origin: string): string {
  if (!url || !URL.canParse(url)) return '/';
  const parsed = new URL(url);
  return parsed.origin === origin ? safeReturnTo(`${parsed.pathname}${parsed.search}${parsed.hash}`, origin) : '/';
}
