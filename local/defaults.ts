import { productName } from '../components/product-name';

/**
 * Fixed settings of the local stand-ins. These values are not secrets: they only ever
 * guard a loopback identity provider and inbox on a developer's machine or in CI.
 */
export const localDefaults = {
  dev: {
    appPort: 3000,
    idpPort: 3001,
    inboxPort: 8005,
  },
  // Tests use their own ports so they never collide with a running `npm run dev`.
  test: {
    appPort: 3100,
    idpPort: 3101,
    inboxPort: 8105,
  },
  appId: 'local-dev-app',
  appSecret: 'local-dev-app-secret-not-for-production',
  cookieSecret: 'local-dev-cookie-secret-0123456789abcdef',
  // The local IdP's machine-to-machine app, granted its Management API (the setup doctor).
  m2mAppId: 'local-m2m-app',
  m2mAppSecret: 'local-m2m-app-secret-not-for-production',
  awsAccessKeyId: 'AKIALOCALDEVEXAMPLE1',
  awsAccessKeySecret: 'local-dev-aws-secret-not-real',
  awsRegion: 'us-east-1',
  // The product's one name (components/product-name.ts) as the code mails' sender.
  senderAddress: `${productName} <no-reply@example.com>`,
  // The account that may change the local tenant from /setup (LOGTO_SETUP_ADMINS under npm run dev).
  setupAdminEmail: 'admin@example.com',
  // Shown on the local sign-in pages where Logto would show the application's name.
  appName: productName,
  // Keys, accounts and other state of the stand-ins; gitignored.
  dataDir: '.local',
} as const;

export type LocalPorts = { appPort: number; idpPort: number; inboxPort: number };

export const idpOrigin = (ports: LocalPorts) => `http://localhost:${ports.idpPort}`;
export const appOrigin = (ports: LocalPorts) => `http://localhost:${ports.appPort}`;
export const inboxOrigin = (ports: LocalPorts) => `http://127.0.0.1:${ports.inboxPort}`;
