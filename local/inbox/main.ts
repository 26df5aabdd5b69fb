/** `npm run local:inbox`: the local SES inbox on its own (LOCAL_INBOX_PORT, default 8005). */
import { readPort, refuseInProduction, runCli } from '../cli';
import { localDefaults } from '../defaults';
import { startInbox } from './server';

runCli(async () => {
  refuseInProduction('The local SES inbox');
  const inbox = await startInbox({ port: readPort(process.env, 'LOCAL_INBOX_PORT', localDefaults.dev.inboxPort) });
  console.log(`[inbox] Local SES inbox ready: ${inbox.url} (open it in a browser to read the mail).`);

  const stop = () => void inbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
