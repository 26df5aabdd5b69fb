import { describe, expect, it } from 'vitest';

import { documentHeight } from './email-preview-frame';

const page = (root: number, body?: number) =>
  ({ documentElement: { getBoundingClientRect: () => ({ height: root }) }, body: body === undefined ? null : { scrollHeight: body } }) as unknown as Document;

describe('documentHeight', () => {
  it("is the root box's height, rounded up so the last line is never cut", () => {
    expect(documentHeight(page(612.3, 580))).toBe(613);
  });

  it("is the body's scroll height when a mail's body overflows its root (e.g. html { height: 100% })", () => {
    expect(documentHeight(page(384, 900))).toBe(900);
    expect(documentHeight(page(200))).toBe(200);
  });
});
