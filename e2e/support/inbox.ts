import { emailsTo as emailsToInbox, waitForEmail as waitForInboxEmail, type InboxEmail } from '../../testing/inbox';

import { urls } from './urls';

/** The toolkit's inbox client, bound to this run's inbox. */

export const emailsTo = (address: string): Promise<InboxEmail[]> => emailsToInbox(urls.inbox, address);

/** Waits for the `nth` mail (1-based) sent to `address` and returns the newest. */
export const waitForEmail = (address: string, nth = 1): Promise<InboxEmail> => waitForInboxEmail(urls.inbox, address, { alreadySeen: nth - 1, timeoutMs: 15_000 });
