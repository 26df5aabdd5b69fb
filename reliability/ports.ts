/**
 * The suite's ports (3300-3313), apart from the e2e suite's and the bench's so that all three
 * can run on one machine. `otherApp`: a second, differently configured start of the app, next
 * to the first.
 */
export const suitePorts = { app: 3300, idp: 3301, inbox: 8305, idpProxy: 8306, inboxProxy: 8307, otherApp: 8308 } as const;

/** The deployment shapes' own; one shape runs at a time. */
export const shapePorts = { app: 3310, secondApp: 3311, idp: 3312, nginx: 3313 } as const;
