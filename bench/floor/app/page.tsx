import { cookies } from 'next/headers';

/**
 * The floor of `npm run bench`: what any page costs that reads the request's cookies, as the
 * product's home page must. Reading them makes Next render it per request; it does nothing else.
 */
export default async function FloorPage() {
  const count = (await cookies()).size;
  return <p>{count === 1 ? '1 cookie' : `${count} cookies`}</p>;
}
