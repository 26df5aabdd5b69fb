import { expect } from '@playwright/test';

import { urls } from './urls';

type StoredEmail = {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
};

let counter = 0;

/**
 * A recipient no other test uses: the local inbox is shared by every test. At example.com
 * unless told otherwise, which TEST_SEND_ALLOWED_EMAILS allows (support/app-environment.ts).
 */
export function uniqueEmail(label: string, domain = 'example.com'): string {
  counter += 1;
  return `${label}-${Date.now().toString(36)}-${process.pid}-${counter}@${domain}`;
}

export async function emailsTo(address: string): Promise<StoredEmail[]> {
  const response = await fetch(`${urls.inbox}/store`);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  return emails.filter((email) => email.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())));
}

/** Waits for the `nth` mail (1-based) sent to `address` and returns it. */
export async function waitForEmail(address: string, nth = 1): Promise<StoredEmail> {
  let found: StoredEmail | undefined;
  await expect
    .poll(async () => {
      found = (await emailsTo(address))[nth - 1];
      return Boolean(found);
    }, { message: `waiting for email #${nth} to ${address}`, timeout: 15_000 })
    .toBe(true);
  return found!;
}

export function codeFrom(email: StoredEmail): string {
  const match = /\b(\d{6})\b/.exec(`${email.subject} ${email.body.html ?? email.body.text ?? ''}`);
  if (!match?.[1]) throw new Error(`no 6-digit code in the mail "${email.subject}"`);
  return match[1];
}
