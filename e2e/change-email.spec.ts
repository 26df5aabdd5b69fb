import { checkSessionCookieSize } from '../lib/auth/session-cookie-size';
import { codeIn } from '../testing/inbox';
import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';
import { waitForEmail } from './support/inbox';
import { expectSignedInAs, signOut, signUp, submitCodeFromInbox, submitEmail } from './support/journeys';
import { urls } from './support/urls';

test('a person moves their account to a new address with a code to each, then signs in with the new one', async ({ page, context }) => {
  // Two sign-ins and four steps with mail: longer than a one-screen journey.
  test.slow();
  const oldEmail = uniqueEmail('change-from');
  const newEmail = uniqueEmail('change-to');
  await signUp(page, oldEmail);

  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Change your email address' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/account-change-email-start.png', fullPage: true });

  // Step 1: a code to the current address (Logto's UserPermissionValidation mail).
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await expect(page.getByLabel('Code from the email')).toBeVisible();
  const identityMail = await waitForEmail(oldEmail, 2);
  await page.screenshot({ path: 'test-results/screens/account-change-email-identity-code.png', fullPage: true });

  // A wrong code is said on its field, and the step stays.
  await page.getByLabel('Code from the email').fill('000000');
  await page.getByRole('button', { name: 'Confirm it is me' }).click();
  await expect(page.getByTestId('account-field-error')).toContainText('That code is not right');
  await expect(page.getByLabel('Code from the email')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/screens/account-change-email-wrong-code.png', fullPage: true });

  // Step 2: the right code.
  await page.getByLabel('Code from the email').fill(codeIn(identityMail));
  await page.getByRole('button', { name: 'Confirm it is me' }).click();
  await expect(page.getByText('Thank you: it is you.')).toBeVisible();

  // Step 3: the new address, which gets its own code (BindNewIdentifier).
  await page.getByLabel('New email address').fill(newEmail);
  await page.getByRole('button', { name: 'Email a code to the new address' }).click();
  await expect(page.getByLabel('Code sent to the new address')).toBeVisible();
  const bindMail = await waitForEmail(newEmail, 1);
  await page.screenshot({ path: 'test-results/screens/account-change-email-new-code.png', fullPage: true });

  // Step 4: the change, shown at once (the tokens were refreshed).
  await page.getByLabel('Code sent to the new address').fill(codeIn(bindMail));
  await page.getByRole('button', { name: 'Change my address' }).click();
  await expect(page.getByText(`Your address is now ${newEmail}.`)).toBeVisible();
  await expect(page.getByTestId('account-email')).toHaveText(newEmail);
  await page.screenshot({ path: 'test-results/screens/account-change-email-done.png', fullPage: true });

  // The session now holds the ID, access and refresh tokens: every cookie stays under 4 KB.
  for (const cookie of await context.cookies()) {
    const size = checkSessionCookieSize(cookie.name, cookie.value);
    if (cookie.name.startsWith('logto_')) console.info(`[change-email] session cookie with access and refresh tokens: ${size.bytes} bytes`);
    expect(size.ok, `${cookie.name} is ${size.bytes} bytes`).toBe(true);
  }

  await page.goto('/');
  await expectSignedInAs(page, newEmail);
  await signOut(page);

  // The new address signs in to the same account.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await submitEmail(page, newEmail);
  await submitCodeFromInbox(page, newEmail, 2);
  await expectSignedInAs(page, newEmail);
  await page.screenshot({ path: 'test-results/screens/account-change-email-signed-in-with-new.png', fullPage: true });
});

test('on a Chinese page the account speaks Chinese, and so do the code mails, whatever the browser asks for', async ({ page, context }) => {
  test.slow();
  const oldEmail = uniqueEmail('change-zh-from');
  const newEmail = uniqueEmail('change-zh-to');
  await signUp(page, oldEmail);
  // The header's switch sets this cookie; the browser itself still asks for English.
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'zh-CN', url: urls.app }]);

  await page.goto('/account');
  await expect(page.getByRole('heading', { name: '你的账号', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: '更换邮箱地址' })).toBeVisible();
  await page.getByRole('button', { name: '给我发送验证码' }).click();
  await expect(page.getByLabel('邮件中的验证码')).toBeVisible();
  // The app sends Logto the page's language, so the identity mail is the zh-CN template.
  const identityMail = await waitForEmail(oldEmail, 2);
  expect(identityMail.subject).toMatch(/^您的身份确认验证码：\d{6}$/);

  await page.getByLabel('邮件中的验证码').fill('000000');
  await page.getByRole('button', { name: '确认是我本人' }).click();
  await expect(page.getByTestId('account-field-error')).toHaveText('验证码不正确。请查看最新的邮件，重新输入 6 位数字。');
  await page.getByLabel('邮件中的验证码').fill(codeIn(identityMail));
  await page.getByRole('button', { name: '确认是我本人' }).click();
  await expect(page.getByText('谢谢，已确认是你本人。')).toBeVisible();
  await expect(page.getByTestId('account-session')).toContainText('当前设备');

  await page.getByLabel('新邮箱地址').fill(newEmail);
  await page.getByRole('button', { name: '给新邮箱发送验证码' }).click();
  await expect(page.getByLabel('发到新邮箱的验证码')).toBeVisible();
  const bindMail = await waitForEmail(newEmail, 1);
  expect(bindMail.subject).toMatch(/^您的邮箱绑定验证码：\d{6}$/);
  await page.screenshot({ path: 'test-results/screens/account-zh-CN-new-code.png', fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: 'test-results/screens/account-zh-CN-new-code-375.png', fullPage: true });

  await page.getByLabel('发到新邮箱的验证码').fill(codeIn(bindMail));
  await page.getByRole('button', { name: '更换我的邮箱' }).click();
  await expect(page.getByText(`你的邮箱已更换为 ${newEmail}。`)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/account-zh-CN-done-375.png', fullPage: true });
});

