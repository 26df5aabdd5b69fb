import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { HttpBrowser } from '../testing/http-browser';

/** The ids of the app's server actions, read from its pages as a browser receives them. */
export type ActionIds = { signIn: string; signUp: string; signOut: string; sendTest: string };

const formActionIds = (html: string) => [...html.matchAll(/name="\$ACTION_ID_([0-9a-f]+)"/g)].map((match) => match[1] ?? '');

export async function readActionIds(appUrl: string, signedIn: HttpBrowser, fetcher: typeof fetch = fetch): Promise<ActionIds> {
  const [signIn, signUp] = formActionIds(await (await fetcher(appUrl)).text());
  const [signOut] = formActionIds((await signedIn.visit(`${appUrl}/`)).body);
  // A useActionState form names its action in JSON, in the $ACTION_<n>:0 field (n counts the page's action forms before it).
  const sendTest = /name="\$ACTION_\d+:0" value="\{&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec((await signedIn.visit(`${appUrl}/connector`)).body)?.[1];
  if (!signIn || !signUp || !signOut || !sendTest) throw new Error('Could not find the server action ids in the pages.');
  return { signIn, signUp, signOut, sendTest };
}

/** The /account actions by name. Most of their forms show only at a later step, so they are read from the build's manifest. */
export type AccountActionIds = Record<
  'sendIdentityCode' | 'verifyIdentityCode' | 'sendNewAddressCode' | 'verifyNewAddressCode' | 'endSession' | 'endOtherSessions' | 'cancelAccountStep',
  string
>;

export function readAccountActionIds(buildDir: string = path.join(process.cwd(), '.next')): AccountActionIds {
  type Entry = { filename?: string; exportedName?: string };
  const manifest = JSON.parse(readFileSync(path.join(buildDir, 'server', 'server-reference-manifest.json'), 'utf8')) as { node: Record<string, Entry> };
  const byName = new Map(
    Object.entries(manifest.node)
      .filter(([, entry]) => entry.filename === 'lib/account/actions.ts')
      .map(([id, entry]) => [entry.exportedName?.replace(/Action$/, ''), id]),
  );
  const names = ['sendIdentityCode', 'verifyIdentityCode', 'sendNewAddressCode', 'verifyNewAddressCode', 'endSession', 'endOtherSessions', 'cancelAccountStep'] as const;
  const missing = names.filter((name) => !byName.has(name));
  if (missing.length > 0) throw new Error(`The build's manifest has no id for the account actions ${missing.join(', ')}.`);
  return Object.fromEntries(names.map((name) => [name, byName.get(name)!])) as AccountActionIds;
}
