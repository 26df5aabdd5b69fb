/**
 * `npm run local:inbox`: the local SES inbox on its own (LOCAL_INBOX_PORT, default 8005).
 * LOCAL_INBOX_EVENTS_URL (the app's /api/ses/events) makes it post the SES events of each mail;
 * LOCAL_INBOX_SENDER names the sender identity verified on a fresh stand-in (with its domain);
 * LOCAL_INBOX_ANY_ADDRESS_VERIFIED=true (set by `npm run dev`) counts every address as verified.
 */
import { readPort, refuseInProduction, runCli } from '../cli';
import { localDefaults } from '../defaults';
import { startInbox } from './server';

runCli(async () => {
  refuseInProduction('The local SES inbox');
  const inbox = await startInbox({
    port: readPort(process.env, 'LOCAL_INBOX_PORT', localDefaults.dev.inboxPort),
    eventsUrl: process.env.LOCAL_INBOX_EVENTS_URL || undefined,
    senderIdentity: process.env.LOCAL_INBOX_SENDER || undefined,
    anyAddressVerified: process.env.LOCAL_INBOX_ANY_ADDRESS_VERIFIED === 'true',
  });
  console.log(`[inbox] Local SES inbox ready: ${inbox.url} (open it in a browser to read the mail; state at ${inbox.url}/_stand-in/state).`);

  const stop = () => void inbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
