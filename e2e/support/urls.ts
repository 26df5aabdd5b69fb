import { appOrigin, idpOrigin, inboxOrigin, localDefaults } from '../../local/defaults';

const ports = localDefaults.test;

export const urls = {
  app: appOrigin(ports),
  idp: idpOrigin(ports),
  inbox: inboxOrigin(ports),
};
