import { readPort } from '../../local/cli';
import { appOrigin, idpOrigin, inboxOrigin, localDefaults, type LocalPorts } from '../../local/defaults';

/**
 * The journeys' ports: the test defaults, unless E2E_APP_PORT, E2E_IDP_PORT or E2E_INBOX_PORT
 * move them, so that two checkouts on one machine can run their suites at the same time.
 */
export const ports: LocalPorts = {
  appPort: readPort(process.env, 'E2E_APP_PORT', localDefaults.test.appPort),
  idpPort: readPort(process.env, 'E2E_IDP_PORT', localDefaults.test.idpPort),
  inboxPort: readPort(process.env, 'E2E_INBOX_PORT', localDefaults.test.inboxPort),
};

export const urls = {
  app: appOrigin(ports),
  idp: idpOrigin(ports),
  inbox: inboxOrigin(ports),
};
