import type { Metadata } from 'next';
import type { ReactNode } from 'react';

import { productName } from '@/components/product-name';

import './globals.css';

export const metadata: Metadata = {
  title: { default: productName, template: `%s · ${productName}` },
  icons: { icon: '/favicon.svg' },
};

/**
 * The document itself (`<html lang>`, header, footer) is drawn by the two layouts below this one,
 * `(app)/layout.tsx` for the pages rendered per request and `welcome/[locale]/layout.tsx` for the
 * prerendered signed-out home, because they learn the page's language differently.
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
