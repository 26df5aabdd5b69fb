const links = [
  { href: '/', label: 'Home' },
  { href: '/account', label: 'Account' },
  { href: '/connector', label: 'SES connector' },
  { href: '/setup', label: 'Logto setup' },
];

/**
 * Plain links, not next/link: its client component would put JavaScript on every page, for a
 * client-side navigation these few server-rendered pages do not need.
 */
export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white/80 dark:border-slate-800 dark:bg-slate-900/80">
      <div className="mx-auto flex w-full max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-4 sm:px-6">
        <a href="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500">
          <span aria-hidden="true" className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-sm text-white">@</span>
          Logto SES sign-in
        </a>
        <nav aria-label="Main">
          <ul className="flex gap-1 text-sm">
            {links.map((link) => (
              <li key={link.href}>
                <a
                  href={link.href}
                  className="rounded-md px-3 py-2 text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
                >
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
