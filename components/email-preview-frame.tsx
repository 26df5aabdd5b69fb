'use client';

import { useEffect, useRef } from 'react';

/** The height of a frame's document as laid out: its root box (body margins included), or its body's scroll height if taller. */
export function documentHeight(document: Pick<Document, 'documentElement' | 'body'>): number {
  const root = Math.ceil(document.documentElement.getBoundingClientRect().height);
  return Math.max(root, document.body?.scrollHeight ?? 0);
}

/**
 * An email preview that is as tall as its mail, so no footer is cut off. The frame is sandboxed
 * with `allow-same-origin` and without `allow-scripts`: the mail runs no script, and only this
 * page's own script may read the frame's document to measure it. Measured when it loads, when
 * its `<details>` opens, and when its width changes (the mail reflows); without JavaScript it
 * keeps the fixed height of its class.
 */
export function EmailPreviewFrame({ srcDoc, title, className }: { srcDoc: string; title: string; className: string }) {
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const fit = () => {
      const document = element.contentDocument;
      if (!document?.documentElement || document.readyState !== 'complete' || element.clientWidth === 0) return;
      const height = documentHeight(document);
      // The frame's own border is inside its height (border-box): add it, or the mail would scroll by two pixels.
      if (height > 0) element.style.height = `${height + element.offsetHeight - element.clientHeight}px`;
    };
    fit();
    element.addEventListener('load', fit);
    const details = element.closest('details');
    details?.addEventListener('toggle', fit);
    let lastWidth = element.clientWidth;
    const resized = new ResizeObserver(() => {
      if (element.clientWidth === lastWidth) return;
      lastWidth = element.clientWidth;
      fit();
    });
    resized.observe(element);
    return () => {
      element.removeEventListener('load', fit);
      details?.removeEventListener('toggle', fit);
      resized.disconnect();
    };
  }, []);

  return <iframe ref={frame} sandbox="allow-same-origin" srcDoc={srcDoc} title={title} className={className} />;
}
