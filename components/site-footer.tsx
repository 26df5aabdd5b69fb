export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
      Passwordless sign-in with{' '}
      <a className="underline decoration-slate-400 underline-offset-2 hover:text-slate-900 dark:hover:text-white" href="https://logto.io">
        Logto
      </a>
      , codes delivered by{' '}
      <a className="underline decoration-slate-400 underline-offset-2 hover:text-slate-900 dark:hover:text-white" href="https://aws.amazon.com/ses/">
        Amazon SES
      </a>
      .
    </footer>
  );
}
