import { describe, expect, it } from 'vitest';

import { refuseUndecodablePath } from './bad-address';

describe('refuseUndecodablePath', () => {
  it('lets every decodable path through, encoded characters included', () => {
    for (const path of ['/', '/connector', '/%E4%B8%AD', '/a%20b', '/nope/deeper']) {
      expect(refuseUndecodablePath(new Request(`http://localhost:3000${path}`))).toBeUndefined();
    }
  });

  it('answers 400 in the visitor’s language for a path that is not valid percent-encoding', async () => {
    const answer = refuseUndecodablePath(new Request('http://localhost:3000/%zz', { headers: { 'accept-language': 'zh-CN' } }));
    expect(answer?.status).toBe(400);
    const html = await answer!.text();
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('bad_address');
  });
});
