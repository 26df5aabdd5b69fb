import type { ServerResponse } from 'node:http';

/**
 * The stand-ins' `/favicon.ico`: browsers ask every origin for it, and a 404 there is a red line
 * in the console of every page. Drawn in code (a 32×32 icon, 32-bit BMP inside an ICO) so no
 * binary file has to live in the repository.
 */

type Rgba = readonly [number, number, number, number];

const size = 32;
const clear: Rgba = [0, 0, 0, 0];
const white: Rgba = [255, 255, 255, 255];

function icoFile(pixel: (x: number, y: number) => Rgba): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  // BMP rows run bottom-up, each pixel as BGRA.
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      pixels.set([b, g, r, a], ((size - 1 - y) * size + x) * 4);
    }
  }
  // The 1-bit AND mask, all zero: the alpha channel says what is transparent.
  const mask = Buffer.alloc((size / 8) * size);
  const header = Buffer.alloc(6 + 16 + 40);
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(40 + pixels.length + mask.length, 14);
  header.writeUInt32LE(22, 18); // where the image starts
  header.writeUInt32LE(40, 22); // BITMAPINFOHEADER
  header.writeInt32LE(size, 26);
  header.writeInt32LE(size * 2, 30); // colour image and mask, stacked
  header.writeUInt16LE(1, 34);
  header.writeUInt16LE(32, 36);
  header.writeUInt32LE(pixels.length + mask.length, 42);
  return Buffer.concat([header, pixels, mask]);
}

/** A rounded square of `color` with `mark(x, y)` in white on it. */
function badge(color: Rgba, mark: (x: number, y: number) => boolean): Buffer {
  const radius = 7;
  const inside = (x: number, y: number) => {
    const dx = Math.max(radius - x, x - (size - 1 - radius), 0);
    const dy = Math.max(radius - y, y - (size - 1 - radius), 0);
    return dx * dx + dy * dy <= radius * radius;
  };
  return icoFile((x, y) => (!inside(x, y) ? clear : mark(x, y) ? white : color));
}

/** The IdP's: a keyhole, in the sign-in screens' violet. */
export const idpIcon = badge([93, 52, 242, 255], (x, y) => {
  const head = (x - 15.5) ** 2 + (y - 12) ** 2 <= 25;
  const foot = y >= 12 && y <= 24 && Math.abs(x - 15.5) <= 1.5 + (y - 12) / 4;
  return head || foot;
});

/** The inbox's: an envelope, in teal. */
export const inboxIcon = badge([13, 116, 110, 255], (x, y) => {
  const [left, right, top, bottom] = [5, 26, 8, 23];
  if (x < left || x > right || y < top || y > bottom) return false;
  const edge = x <= left + 1 || x >= right - 1 || y <= top + 1 || y >= bottom - 1;
  // The flap: two lines from the top corners to the middle.
  const flap = Math.abs(y - top - (x <= 15.5 ? x - left : right - x) * 0.7) <= 1;
  return edge || flap;
});

export function sendIcon(res: ServerResponse, icon: Buffer): void {
  res.writeHead(200, { 'content-type': 'image/x-icon', 'content-length': String(icon.length), 'cache-control': 'public, max-age=86400' });
  res.end(icon);
}
