import { publicProblemLine, type ConfigProblem } from '@/lib/config';

/** Shown instead of a page when the app's settings are missing or invalid. */
export function ConfigProblems({ problems }: { problems: ConfigProblem[] }) {
  return (
    <section role="alert" aria-labelledby="config-title" className="rounded-2xl border border-amber-300 bg-amber-50 p-6 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <h1 id="config-title" className="text-xl font-semibold">
        The app needs configuration
      </h1>
      <p className="mt-2 text-sm">
        {problems.length === 1 ? 'One setting is' : `${problems.length} settings are`} missing or invalid. Fix{' '}
        {problems.length === 1 ? 'it' : 'them'} in <code>.env.local</code> (see <code>.env.example</code>) or in your
        host&apos;s environment variables, then restart the server. The server log says how to fix each.
      </p>
      <ul className="mt-4 space-y-2 text-sm">
        {problems.map((problem, index) => (
          // The key travels in the RSC data inside the HTML: the variable's name only, never the message.
          <li key={problems.findIndex((other) => other.variable === problem.variable) === index ? problem.variable : `${problem.variable}-${index}`} className="rounded-lg bg-white/70 px-3 py-2 dark:bg-black/30">
            {/* Anyone can see this page: the detailed message, which may quote the value, is in the server log. */}
            {publicProblemLine(problem)}
          </li>
        ))}
      </ul>
      <p className="mt-4 text-sm">
        Running locally? <code>npm run dev</code> with no settings starts a local identity provider and inbox for you.
      </p>
    </section>
  );
}
