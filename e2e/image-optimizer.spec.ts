import { expect, test } from './support/fixtures';

test('/_next/image is off: no page uses next/image, so nobody may use the optimizer', async ({ request }) => {
  const response = await request.get('/_next/image?url=/favicon.svg&w=64&q=75');
  expect(response.status()).toBe(404);
  expect(response.headers()['content-type'] ?? '').not.toMatch(/^image\//);
});
