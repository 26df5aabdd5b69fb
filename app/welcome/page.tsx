import { Welcome } from '@/components/welcome';

/**
 * The home page of a visitor with no session, prerendered at build time: proxy.ts serves it for
 * `/` when there is no session cookie, so the most common request costs no rendering at all.
 * It reads nothing of the request or the configuration, and needs no script.
 */
export const dynamic = 'force-static';

export default function WelcomePage() {
  return <Welcome />;
}
