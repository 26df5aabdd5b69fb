import { failure } from '@/lib/failure/failure';
import { failurePageResponse } from '@/lib/failure/failure-page';
import { localeOfHeaders } from '@/lib/i18n/locales';

/**
 * An address whose path is not valid percent-encoding (`/%zz`) cannot name any page: Next would
 * throw decoding it for the not-found catch-all and answer 500. The proxy answers 400 first, in
 * the visitor's language.
 */
export function refuseUndecodablePath(request: Request): Response | undefined {
  try {
    decodeURIComponent(new URL(request.url).pathname);
    return undefined;
  } catch {
    return failurePageResponse(failure(400, 'bad_address', 'This address is not valid: check the link or type it again.', { title: 'Bad address' }), {
      locale: localeOfHeaders(request.headers),
      links: [{ href: '/', label: 'backToApp', primary: true }],
    });
  }
}
