import { uniqueEmail } from '../testing/unique-email';

import { expect, test } from './support/fixtures';

const endpoint = '/api/ses/test-send';

test.describe('the route refuses what it must, without a browser session', () => {
  test('401 without a session', async ({ request }) => {
    const response = await request.post(endpoint, { data: { to: uniqueEmail('api-anonymous') } });
    expect(response.status()).toBe(401);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(await response.json()).toMatchObject({ error: { code: 'not_signed_in' } });
  });

  test('403 for another origin', async ({ request }) => {
    const response = await request.post(endpoint, {
      headers: { origin: 'https://evil.example' },
      data: { to: uniqueEmail('api-cross-origin') },
    });
    expect(response.status()).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'cross_origin' } });
  });

  test('415 for a body that is not JSON', async ({ request }) => {
    const response = await request.post(endpoint, { headers: { 'content-type': 'text/plain' }, data: 'to=someone@example.com' });
    expect(response.status()).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  test('405 with Allow for other methods', async ({ request }) => {
    const response = await request.get(endpoint);
    expect(response.status()).toBe(405);
    expect(response.headers()['allow']).toBe('OPTIONS, POST');
  });
});
