import { emailsTo as emailsToInbox, waitForEmail as waitForInboxEmail, type InboxEmail } from '../../testing/inbox';

import { urls } from './urls';

/** The toolkit's inbox client, bound to this run's inbox. */

export const emailsTo = (address: string): Promise<InboxEmail[]> => emailsToInbox(urls.inbox, address);

/** Waits for the `nth` mail (1-based) sent to `address` and returns the newest. */
export const waitForEmail = (address: string, nth = 1): Promise<InboxEmail> => waitForInboxEmail(urls.inbox, address, { alreadySeen: nth - 1, timeoutMs: 15_000 });

/**
 * Merges `patch` into the stand-in's SES state (local/inbox/stand-in-state.ts). The inbox is
 * shared by every journey running at once: patch only what no other journey relies on.
 */
export async function setStandInState(patch: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${urls.inbox}/_stand-in/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
  if (!response.ok) throw new Error(`The stand-in refused the state (${response.status}): ${await response.text()}`);
}
