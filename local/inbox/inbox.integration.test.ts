import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { sendEmail } from '../../lib/ses';
import { codeIn, emailsTo, waitForEmail } from '../../testing/inbox';
import { uniqueEmail } from '../../testing/unique-email';
import { localSesConnectorConfig } from '../app-environment';
import { startInbox, type RunningInbox } from './server';

let inbox: RunningInbox;

beforeAll(async () => {
  inbox = await startInbox({ port: 0 });
});

afterAll(async () => {
  await inbox?.close();
});

describe('local SES inbox', () => {
  it('receives what lib/ses sends with the local connector config', async () => {
    const to = uniqueEmail('inbox');
    const settings = { connector: localSesConnectorConfig(), endpoint: inbox.url, timeoutMs: 5_000 };
    await sendEmail(settings, { to, usageType: 'Generic', payload: { code: '000000' } });

    const email = await waitForEmail(inbox.url, to);
    expect(email.destination.to).toEqual([to]);
    expect(codeIn(email)).toBe('000000');
    expect(await emailsTo(inbox.url, `other-${to}`)).toEqual([]);
  });

  it('listens on loopback only', () => {
    expect(new URL(inbox.url).hostname).toBe('127.0.0.1');
  });

  it('says so when the port is taken', async () => {
    const port = Number(new URL(inbox.url).port);
    await expect(startInbox({ port })).rejects.toThrow(`port ${port} is already in use`);
  });

  it('refuses to start with NODE_ENV=production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      await expect(startInbox({ port: 0 })).rejects.toThrow(/refuses to run with NODE_ENV=production/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
