/**
 * The sign-in screens' words that Logto's experience has no phrase for (the rest come from
 * `@logto/phrases-experience`, see phrases.ts), in every language the screens exist in. Same
 * conventions as Logto's phrases: `{{name}}` is filled in, `<a>…</a>` becomes a link or button.
 * Adding a language: one more entry here with every key, then phrases.ts knows it.
 */

const en = {
  signInIntro: 'Enter your email and we will send you a sign-in code.',
  registerIntro: 'Enter your email to create an account. We will send you a code to confirm it.',
  noAccountTitle: 'No account found',
  accountExistsTitle: 'You already have an account',
  codeLabel: 'Verification code',
  verify: 'Verify',
  codeFormat: 'Enter the 6-digit code from the email.',
  triesLeft_one: '{{count}} try left.',
  triesLeft_other: '{{count}} tries left.',
  codeVoided: 'This code has been tried too many times. Request a new one below.',
  codeExpired: 'This code has expired. Request a new one below.',
  noCodeYet: 'No code has been sent yet. Request one below.',
  localInbox: 'Local development: the mail is in the <a>local inbox</a>.',
  cancelNote: '<a>{{cancel}}</a> and go back to the app without signing in.',
  signInExpiredTitle: 'Sign-in expired',
  signInExpired: 'This sign-in has expired or was started in another browser.',
  unknownSignInPage: 'This sign-in page does not exist.',
  nothingAt: 'Nothing at {{path}}.',
  backToApp: 'Back to {{app}}',
  openApp: 'Open {{app}}',
  localServiceTitle: 'Local sign-in service',
  localService: 'This is the local stand-in for Logto. Its OpenID configuration is at {{url}}.',
  serviceFailed: 'The local sign-in service failed. Its terminal shows why.',
  badRequestTitle: 'Bad request',
  requestFailedTitle: 'Sign-in request failed',
  noDetails: 'no details',
  signingOutTitle: 'Signing you out…',
  signOut: 'Sign out',
  signedOutTitle: 'You are signed out',
  signedOut: 'You have signed out of {{app}}.',
};

export type OwnPhrases = typeof en;

const zhCN: OwnPhrases = {
  signInIntro: '输入你的邮箱，我们会给你发送登录验证码。',
  registerIntro: '输入你的邮箱以创建账号，我们会发送验证码进行确认。',
  noAccountTitle: '未找到账号',
  accountExistsTitle: '你已有账号',
  codeLabel: '验证码',
  verify: '验证',
  codeFormat: '请输入邮件中的 6 位验证码。',
  triesLeft_one: '还可尝试 {{count}} 次。',
  triesLeft_other: '还可尝试 {{count}} 次。',
  codeVoided: '此验证码尝试次数过多，请在下方重新获取。',
  codeExpired: '此验证码已过期，请在下方重新获取。',
  noCodeYet: '尚未发送验证码，请在下方获取。',
  localInbox: '本地开发：邮件在<a>本地收件箱</a>中。',
  cancelNote: '<a>{{cancel}}</a>，不登录并返回应用。',
  signInExpiredTitle: '登录已过期',
  signInExpired: '此次登录已过期，或是在另一个浏览器中发起的。',
  unknownSignInPage: '此登录页面不存在。',
  nothingAt: '{{path}} 处没有内容。',
  backToApp: '返回 {{app}}',
  openApp: '打开 {{app}}',
  localServiceTitle: '本地登录服务',
  localService: '这是 Logto 的本地替身，其 OpenID 配置位于 {{url}}。',
  serviceFailed: '本地登录服务出错，原因见它的终端输出。',
  badRequestTitle: '请求无效',
  requestFailedTitle: '登录请求失败',
  noDetails: '无详细信息',
  signingOutTitle: '正在退出登录…',
  signOut: '退出登录',
  signedOutTitle: '你已退出登录',
  signedOut: '你已退出 {{app}}。',
};

export const ownPhrases = { en, 'zh-CN': zhCN } satisfies Record<string, OwnPhrases>;
