import type { Page } from '@playwright/test';

import { codeIn } from '../../testing/inbox';

import { expect } from './fixtures';
import { waitForEmail } from './inbox';

/** On the identity provider's email screen: type the address and ask for a code. */
export async function submitEmail(page: Page, email: string) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Verify your email' })).toBeVisible();
}

/** On the code screen: read the `nth` mail to `email` from the inbox and submit its code. */
export async function submitCodeFromInbox(page: Page, email: string, nth = 1) {
  const mail = await waitForEmail(email, nth);
  await page.getByLabel('Verification code').fill(codeIn(mail));
  await page.getByRole('button', { name: 'Verify' }).click();
  return mail;
}

export async function expectSignedInAs(page: Page, email: string) {
  await expect(page.getByTestId('signed-in-email')).toHaveText(email);
}

/** The whole "Create account" journey; leaves the page signed in on the home page. */
export async function signUp(page: Page, email: string) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await submitEmail(page, email);
  await submitCodeFromInbox(page, email);
  await expectSignedInAs(page, email);
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}
