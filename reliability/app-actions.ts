import type { HttpBrowser } from '../testing/http-browser';

/** The ids of the app's server actions, read from its pages as a browser receives them. */
export type ActionIds = { signIn: string; signUp: string; signOut: string; sendTest: string };

const formActionIds = (html: string) => [...html.matchAll(/name="\$ACTION_ID_([0-9a-f]+)"/g)].map((match) => match[1] ?? '');

export async function readActionIds(appUrl: string, signedIn: HttpBrowser, fetcher: typeof fetch = fetch): Promise<ActionIds> {
  const [signIn, signUp] = formActionIds(await (await fetcher(appUrl)).text());
  const [signOut] = formActionIds((await signedIn.visit(`${appUrl}/`)).body);
  // A useActionState form names its action in JSON, in the $ACTION_<n>:0 field.
  const sendTest = /name="\$ACTION_1:0" value="\{&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec((await signedIn.visit(`${appUrl}/connector`)).body)?.[1];
  if (!signIn || !signUp || !signOut || !sendTest) throw new Error('Could not find the server action ids in the pages.');
  return { signIn, signUp, signOut, sendTest };
}
