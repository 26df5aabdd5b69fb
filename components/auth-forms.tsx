import { signInAction, signOutAction, signUpAction } from '@/lib/auth/actions';

import { primaryButton, secondaryButton } from './button-styles';

/** Plain forms posting to server actions: they work with JavaScript turned off. */
export function SignInForms({ returnTo = '/' }: { returnTo?: string }) {
  return (
    <div className="flex flex-wrap gap-3">
      <form action={signInAction}>
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" className={primaryButton}>
          Sign in
        </button>
      </form>
      <form action={signUpAction}>
        <input type="hidden" name="returnTo" value={returnTo} />
        <button type="submit" className={secondaryButton}>
          Create account
        </button>
      </form>
    </div>
  );
}

export function SignOutForm() {
  return (
    <form action={signOutAction}>
      <button type="submit" className={secondaryButton}>
        Sign out
      </button>
    </form>
  );
}
