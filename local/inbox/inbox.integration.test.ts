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

  it('lists the mail on a page that needs no JavaScript, newest first, each code in plain sight', async () => {
    const to = uniqueEmail('no-js');
    const settings = { connector: localSesConnectorConfig(), endpoint: inbox.url, timeoutMs: 5_000 };
    await sendEmail(settings, { to, usageType: 'SignIn', payload: { code: '123456' } });
    await sendEmail(settings, { to, usageType: 'Register', payload: { code: '654321' } });
    await waitForEmail(inbox.url, to, { alreadySeen: 1 });

    const response = await fetch(`${inbox.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toContain('You need JavaScript');
    const codes = [...page.matchAll(/<span class="code" data-code>(\d{6})<\/span>/g)].map((match) => match[1]);
    expect(codes.slice(0, 2)).toEqual(['654321', '123456']);
    expect(page).toContain(`<dd>${to}</dd>`);
    // The mail itself, in a frame that may run nothing.
    expect(page).toMatch(/<iframe sandbox title="[^"]*" srcdoc="[^"]*654321/);
  });

  it('keeps the live, script-driven view at /live', async () => {
    const page = await (await fetch(`${inbox.url}/live`)).text();
    expect(page).toContain('<script>');
    expect(page).toContain('/store');
  });

  it('answers /favicon.ico with an icon', async () => {
    const response = await fetch(`${inbox.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/x-icon');
    expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
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
