import { connection } from 'next/server';

import { primaryButton } from '@/components/button-styles';
import { productName } from '@/components/product-name';

/**
 * The root not-found page, which Next requires beside a root layout that draws no document.
 * People never meet it: every address outside the app's pages reaches `(app)/[...missing]`, whose
 * 404 page has the app's shell and language, and `/welcome/*` is redirected by the proxy. Next
 * renders this element into every page, the prerendered home pages included, so it reads nothing
 * of the request and no catalogue (which would fix a prerender's language before its layout
 * names it) and stays small. Rendered per request (`connection`), as the 404 of a missing
 * `/_next/static` file too, so that answer gets the proxy's headers rather than a bare prerender.
 */
export default async function RootNotFound() {
  await connection();
  return (
    <html lang="en">
      <body className="grid min-h-screen place-items-center p-6">
        <main>
          <h1 className="text-2xl font-bold tracking-tight">404 · {productName}</h1>
          <a href="/" className={`${primaryButton} mt-6`}>
            /
          </a>
        </main>
      </body>
    </html>
  );
}
