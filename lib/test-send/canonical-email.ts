/**
 * The mailbox an address reaches, for counting sends to it: lower-cased, without a `+tag`
 * (`a+1@x.test` and `A+2@x.test` both reach `a@x.test`), so that tags cannot multiply the
 * per-recipient limit.
 */
export function canonicalEmail(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 1) return lower;
  const local = lower.slice(0, at);
  const plus = local.indexOf('+');
  return plus > 0 ? `${local.slice(0, plus)}${lower.slice(at)}` : lower;
}
