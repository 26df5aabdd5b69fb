'use server';

import { redirect } from 'next/navigation';

import { formField } from '@/lib/http/form-field';

import { failurePath } from './auth-failure';
import { startSignIn, startSignOut, type NextStep } from './sign-in';

/**
 * Server actions behind the "Sign in", "Create account" and "Sign out" forms. They are plain
 * form actions, so they work without JavaScript; each ends in a redirect: to Logto, or to the
 * error page for an expected failure.
 */

function follow(step: NextStep): never {
  redirect(step.ok ? step.location : failurePath(step.code));
}

export async function signInAction(formData: unknown) {
  follow(await startSignIn({ mode: 'signIn', returnTo: formField(formData, 'returnTo'), lang: formField(formData, 'lang') }));
}

export async function signUpAction(formData: unknown) {
  follow(await startSignIn({ mode: 'signUp', returnTo: formField(formData, 'returnTo'), lang: formField(formData, 'lang') }));
}

export async function signOutAction() {
  follow(await startSignOut());
}
