import { createHash } from 'node:crypto';

/**
 * SHA-256 (hex) of the secrets the local stand-ins publish in local/defaults.ts: the app
 * secret, the cookie secret, the M2M app secret and the AWS key pair. Anyone can read those, so a production
 * server refuses them. Only fingerprints live here because product code never imports local/;
 * local/defaults.test.ts checks that the two lists agree.
 */
export const publishedLocalValueFingerprints: ReadonlySet<string> = new Set([
  '39d8c2b226343707e6cb87d37de3644dc7bd14f4bcd46b789143c53854700389',
  'aa241caf21b3711b43659396f574a81fc8d3c691bc0f9defde6cf171d5b8d8bb',
  '76a2e3625637cd05d7208107913f59d8b47c204c0ab7c0e2d9ad4f3c89c12ff7',
  '7855afd66ed124e3d30936c18687518fe0bf5042057b2eaac912372f8e570d30',
  '31fe2f8d3d8823ba9979ab4f10d94e77f2e1b72501753392b542f5a5118f2e46',
]);

export function isPublishedLocalValue(value: string): boolean {
  return publishedLocalValueFingerprints.has(createHash('sha256').update(value).digest('hex'));
}
