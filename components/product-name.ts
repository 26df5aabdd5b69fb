/**
 * The product's one name: the header, page titles, error pages, the local IdP's sign-in card and
 * the code mails' sender all say this. A name, so not translated.
 */
export const productName = 'Logto SES sign-in';
