import type { ReactNode } from 'react';

/** The least a Next.js page needs around it: no styles, no metadata, no components. */
export default function FloorLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
