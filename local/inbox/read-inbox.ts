/**
 * Reading the local inbox from tests. The inbox is shared by everything that sends, so mail is
 * always picked by recipient: give every test its own address.
 */

export type InboxEmail = {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** Epoch seconds. */
  at: number;
};

export async function emailsTo(inboxUrl: string, recipient: string): Promise<InboxEmail[]> {
  const response = await fetch(new URL('/store', inboxUrl));
  if (!response.ok) throw new Error(`The inbox answered ${response.status} at ${inboxUrl}/store.`);
  const { emails } = (await response.json()) as { emails: InboxEmail[] };
  const wanted = recipient.toLowerCase();
  return emails.filter((email) => email.destination.to.some((to) => to.toLowerCase().includes(wanted)));
}

/** Waits until `recipient` has more than `alreadySeen` emails, and returns the newest. */
export async function waitForEmail(
  inboxUrl: string,
  recipient: string,
  { alreadySeen = 0, timeoutMs = 5_000 }: { alreadySeen?: number; timeoutMs?: number } = {},
): Promise<InboxEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await emailsTo(inboxUrl, recipient);
    const newest = emails.length > alreadySeen ? emails.at(-1) : undefined;
    if (newest) return newest;
    if (Date.now() > deadline) throw new Error(`No new email for ${recipient} within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The 6-digit verification code in an email's subject or body. */
export function codeIn(email: InboxEmail): string {
  const code = /\b\d{6}\b/.exec(`${email.subject} ${email.body.text ?? ''} ${email.body.html ?? ''}`)?.[0];
  if (!code) throw new Error(`No 6-digit code in the email "${email.subject}".`);
  return code;
}
