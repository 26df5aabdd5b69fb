import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { errors, type UnknownObject } from 'oidc-provider';

import type { AccountStore } from './accounts';
import { readForm, redirect, sendHtml } from './http';
import {
  codeScreen,
  emailScreen,
  interactionPaths,
  messageScreen,
  switchIntentScreen,
  type Intent,
  type InteractionPaths,
} from './pages';
import type { SignInRecord } from './oidc-store';
import { fill, requestPhrases, sentences, type Phrases } from './phrases';
import type { SendCode } from './send-code';
import type { LanguageInfo } from './sign-in-language';
import type { CodeCheck, CodePurpose, VerificationCodes } from './verification-codes';

/**
 * Logto's passwordless email sign-in experience. oidc-provider sends the browser to
 * `/interaction/<uid>` whenever the authorization request needs the user; these routes ask
 * for the email, send and check a code, then hand the result back to oidc-provider.
 */

export type SignInRoutesOptions = {
  provider: Provider;
  accounts: AccountStore;
  codes: VerificationCodes;
  sendCode: SendCode;
  appName: string;
  appBaseUrl: string;
  /** The local inbox page, when codes go there: the code screen links to it. */
  inboxUrl?: string;
  /** The sign-in experience's language settings of the moment (Logto's defaults without it). */
  languageInfo?: () => LanguageInfo;
  log: (line: string) => void;
};

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

type RouteContext = {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  interaction: Interaction;
  paths: InteractionPaths;
  /** The language of this sign-in, as Logto picks it (also the code mail's). */
  language: string;
  t: Phrases;
};

const routePattern = /^\/interaction\/([^/]+)(?:\/([a-z]+))?$/;

const purposeOf = (intent: Intent): CodePurpose => (intent === 'register' ? 'Register' : 'SignIn');
const intentOf = (purpose: CodePurpose): Intent => (purpose === 'Register' ? 'register' : 'sign-in');

/** Logto opens on registration for `interaction_mode=signUp` or `first_screen=register`. */
function requestedIntent(params: UnknownObject): Intent {
  const wantsRegistration =
    params.interaction_mode === 'signUp' || params.first_screen === 'register' || params.first_screen === 'identifier:register';
  return wantsRegistration ? 'register' : 'sign-in';
}

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/;

function emailProblem(t: Phrases, email: string): string | undefined {
  if (email === '') return fill(t.required, { types: t.emailLabel });
  if (email.length > 254 || !emailPattern.test(email)) return t.invalidEmail;
  return undefined;
}

function codeProblem(t: Phrases, result: Exclude<CodeCheck, { ok: true }>): string {
  switch (result.reason) {
    case 'wrong':
      return result.triesLeft > 0
        ? sentences(t, t.invalidCode, fill(result.triesLeft === 1 ? t.triesLeft_one : t.triesLeft_other, { count: result.triesLeft }))
        : sentences(t, t.invalidCode, t.codeVoided);
    case 'voided':
      return t.codeVoided;
    case 'expired':
      return t.codeExpired;
    case 'none':
      return t.noCodeYet;
  }
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function createSignInRoutes(options: SignInRoutesOptions) {
  const { provider, accounts, codes, sendCode, appName, appBaseUrl, inboxUrl, log } = options;

  const backToApp = (t: Phrases) => ({ href: appBaseUrl, label: fill(t.backToApp, { app: appName }) });

  const phrasesOf = (req: IncomingMessage, params?: UnknownObject) =>
    requestPhrases({ uiLocales: params?.ui_locales, acceptLanguage: req.headers['accept-language'], languageInfo: options.languageInfo?.() });

  async function sendNewCode({ interaction, language }: Pick<RouteContext, 'interaction' | 'language'>, email: string, purpose: CodePurpose) {
    return sendCode(email, purpose, codes.issue(interaction.uid, email, purpose), language);
  }

  /**
   * The SDK always asks for `prompt=consent`. Logto grants a first-party app everything it asks
   * for without showing a consent screen, so this does the same, including API resource scopes.
   */
  async function grantConsent({ req, res, interaction }: RouteContext) {
    const { details } = interaction.prompt;
    const accountId = interaction.session?.accountId;
    const clientId = interaction.params.client_id;
    if (!accountId || typeof clientId !== 'string') throw new Error('Consent requested without a signed-in user.');

    const grant =
      (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined) ??
      new provider.Grant({ accountId, clientId });
    grant.addOIDCScope(asStrings(details.missingOIDCScope));
    // Only when asked for (the `claims` parameter): Logto's grants carry no empty claims list (Account API 59).
    const missingClaims = asStrings(details.missingOIDCClaims);
    if (missingClaims.length > 0) grant.addOIDCClaims(missingClaims);
    const missingResourceScopes = (details.missingResourceScopes ?? {}) as Record<string, unknown>;
    for (const [indicator, scopes] of Object.entries(missingResourceScopes)) {
      grant.addResourceScope(indicator, asStrings(scopes));
    }
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
  }

  async function showStart(context: RouteContext) {
    const { res, url, interaction, paths, t } = context;
    if (interaction.prompt.name === 'consent') return grantConsent(context);

    const screen = url.searchParams.get('screen');
    const intent = screen === 'register' || screen === 'sign-in' ? screen : requestedIntent(interaction.params);
    const loginHint = interaction.params.login_hint;
    const email = typeof loginHint === 'string' ? loginHint : undefined;
    sendHtml(res, 200, emailScreen({ t, appName, paths, intent, email }));
  }

  async function submitEmail(context: RouteContext) {
    const { req, res, paths, t } = context;
    const form = await readForm(req);
    const intent: Intent = form.get('intent') === 'register' ? 'register' : 'sign-in';
    const email = (form.get('email') ?? '').trim();

    const problem = emailProblem(t, email);
    if (problem) return sendHtml(res, 400, emailScreen({ t, appName, paths, intent, email, error: problem }));

    // Logto offers to register an unknown address on sign-in, and to sign in a known one on sign-up.
    const registered = accounts.findByEmail(email) !== undefined;
    if (registered !== (intent === 'sign-in')) {
      return sendHtml(res, 200, switchIntentScreen({ t, appName, paths, email, to: registered ? 'sign-in' : 'register' }));
    }

    const sent = await sendNewCode(context, email, purposeOf(intent));
    if (!sent.ok) {
      return sendHtml(res, 502, emailScreen({ t, appName, paths, intent, email, error: sentences(t, t.sendFailed, sent.message) }));
    }
    redirect(res, paths.code);
  }

  async function showCode({ res, url, interaction, paths, t }: RouteContext) {
    const pending = codes.pending(interaction.uid);
    if (!pending) return redirect(res, paths.start);

    const notice = url.searchParams.get('sent') === 'again' ? t.codeResent : undefined;
    sendHtml(res, 200, codeScreen({ t, appName, inboxUrl, paths, email: pending.email, intent: intentOf(pending.purpose), notice }));
  }

  async function resendCode(context: RouteContext) {
    const { res, interaction, paths, t } = context;
    const pending = codes.pending(interaction.uid);
    if (!pending) return redirect(res, paths.start);

    const sent = await sendNewCode(context, pending.email, pending.purpose);
    if (!sent.ok) {
      const error = sentences(t, t.sendFailed, sent.message);
      return sendHtml(res, 502, codeScreen({ t, appName, inboxUrl, paths, email: pending.email, intent: intentOf(pending.purpose), error }));
    }
    redirect(res, `${paths.code}?sent=again`);
  }

  async function verifyCode({ req, res, interaction, paths, t }: RouteContext) {
    const form = await readForm(req);
    const pending = codes.pending(interaction.uid);
    if (!pending) return redirect(res, paths.start);

    const submitted = (form.get('code') ?? '').replace(/\s/g, '');
    const result = /^\d{6}$/.test(submitted) ? codes.check(interaction.uid, submitted) : undefined;
    if (!result?.ok) {
      const error = result ? codeProblem(t, result) : t.codeFormat;
      return sendHtml(res, 400, codeScreen({ t, appName, inboxUrl, paths, email: pending.email, intent: intentOf(pending.purpose), error }));
    }

    // Registers the address, or finds its account on sign-in (or when another tab registered it).
    const account = accounts.findOrCreate(result.email);
    accounts.signedIn(account.id);
    log(`${result.purpose === 'Register' ? 'Registered and signed in' : 'Signed in'} ${result.email} (sub ${account.id}).`);
    // provider.ts keeps `signIn` beside the session, as Logto's `lastSubmission` (its sessions list shows it).
    const signIn: SignInRecord = {
      interactionEvent: result.purpose === 'Register' ? 'Register' : 'SignIn',
      userId: account.id,
      verificationRecords: [{ id: interaction.uid, templateType: result.purpose, verified: true, type: 'EmailVerificationCode', identifier: { type: 'email', value: result.email } }],
      signInContext: { ip: req.socket.remoteAddress ?? '', userAgent: req.headers['user-agent'] ?? '' },
    };
    await provider.interactionFinished(req, res, { login: { accountId: account.id }, signIn }, { mergeWithLastSubmission: false });
  }

  async function cancel({ req, res }: RouteContext) {
    await provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
      { mergeWithLastSubmission: false },
    );
  }

  /** Only the browser that started the sign-in holds the interaction cookie for this uid. */
  async function findInteraction(req: IncomingMessage, res: ServerResponse, uid: string) {
    try {
      const interaction = await provider.interactionDetails(req, res);
      return interaction.uid === uid ? interaction : undefined;
    } catch (error) {
      if (error instanceof errors.SessionNotFound) return undefined;
      throw error;
    }
  }

  const routes: Record<string, (context: RouteContext) => Promise<void>> = {
    'GET start': showStart,
    'GET code': showCode,
    'GET cancel': cancel,
    'POST email': submitEmail,
    'POST resend': resendCode,
    'POST verify': verifyCode,
  };

  /** Handles `/interaction/...` requests; returns false for any other path. */
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = routePattern.exec(url.pathname);
    if (!match) return false;
    const [, uid = '', action = 'start'] = match;
    const route = routes[`${req.method} ${action}`];
    if (!route) {
      const { t } = phrasesOf(req);
      sendHtml(res, 404, messageScreen({ t, title: t.notFound, message: t.unknownSignInPage, link: backToApp(t) }));
      return true;
    }

    const interaction = await findInteraction(req, res, uid);
    if (!interaction) {
      const { t } = phrasesOf(req);
      const message = sentences(t, t.signInExpired, t.sessionNotFound);
      sendHtml(res, 400, messageScreen({ t, title: t.signInExpiredTitle, message, link: backToApp(t) }));
      return true;
    }

    const paths = interactionPaths(uid);
    // Anything but the first screen only makes sense while the user still has to sign in.
    if (action !== 'start' && action !== 'cancel' && interaction.prompt.name !== 'login') {
      redirect(res, paths.start);
      return true;
    }
    await route({ req, res, url, interaction, paths, ...phrasesOf(req, interaction.params) });
    return true;
  };
}
