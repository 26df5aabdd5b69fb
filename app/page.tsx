import { ClaimsTable } from '@/components/claims-table';
import { ConfigProblems } from '@/components/config-problems';
import { Notice } from '@/components/notice';
import { Welcome } from '@/components/welcome';
import { SignOutForm } from '@/components/auth-forms';
import { getPageContext } from '@/lib/auth/session';

const notices: Record<string, string> = {
  'signed-out-locally': 'You are signed out of this app. Logto could not be reached, so its own session may still be open.',
};

export default async function HomePage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const context = await getPageContext();
  if (!context.ok) return <ConfigProblems problems={context.problems} />;
  const { session } = context;
  const notice = notices[(await searchParams).notice ?? ''];

  if (session.state !== 'signed-in') {
    return (
      <>
        {notice && <Notice>{notice}</Notice>}
        {session.state === 'expired' && <Notice>Your session has expired. Sign in again to continue.</Notice>}
        <Welcome />
      </>
    );
  }

  return (
    <section aria-labelledby="signed-in" className="space-y-8">
      <div className="rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <p className="text-sm font-medium text-indigo-700 dark:text-indigo-300">Signed in</p>
        <h1 id="signed-in" className="mt-1 text-2xl font-bold tracking-tight [overflow-wrap:anywhere] sm:text-3xl" data-testid="signed-in-email">
          {session.email ?? session.claims.sub}
        </h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          Your identity comes from the ID token Logto issued. Its claims are below.
        </p>
        <div className="mt-6 flex flex-wrap items-center gap-3">
          <SignOutForm />
          <a href="/account" className="rounded-md px-2 py-1 text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-3 focus-visible:outline-indigo-500 dark:text-indigo-300">
            Your account →
          </a>
        </div>
      </div>
      <div>
        <h2 className="mb-3 text-lg font-semibold">ID token claims</h2>
        <ClaimsTable claims={session.claims} />
      </div>
    </section>
  );
}
