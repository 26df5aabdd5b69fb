import path from 'node:path';

import { z } from 'zod';

import type { AwsSesConnectorConfig, LocalizedTemplate } from '../../lib/ses';

import { accountCenterSchema, disabledAccountCenter, type AccountCenterSettings } from './account-center';
import { readDataFile, writeDataFile } from './data-files';
import { rowId } from './management-connectors';
import defaultSignInExperience from './management-api/default-sign-in-experience.json';

/**
 * What the local tenant's Management API reads and changes: the app's registered URIs, the
 * sign-in experience, the one email connector and the email templates. Kept in the data directory, so a URI the
 * doctor registered (or a test removed) is still there after a restart, as in a real tenant.
 */

const stateSchema = z.object({
  application: z.object({
    id: z.string(),
    name: z.string(),
    createdAt: z.number(),
    redirectUris: z.array(z.string()),
    postLogoutRedirectUris: z.array(z.string()),
  }),
  signInExperience: z.record(z.string(), z.unknown()),
  connectors: z.array(z.object({ id: z.string(), connectorId: z.string(), config: z.record(z.string(), z.unknown()) })),
  // Files saved before the stand-in kept email templates have none.
  emailTemplates: z
    .array(z.object({ id: z.string(), languageTag: z.string(), templateType: z.string(), details: z.record(z.string(), z.unknown()), createdAt: z.number() }))
    .default([]),
  // Files saved before the stand-in kept the account center take the seed's (see the constructor).
  accountCenter: accountCenterSchema.optional(),
});

export type ManagementState = z.infer<typeof stateSchema> & { accountCenter: AccountCenterSettings };

export type ManagementSeed = {
  appId: string;
  appName: string;
  appBaseUrl: string;
  sesConnector: AwsSesConnectorConfig;
  /** The tenant's email templates on first start (`npm run dev`: the repository's email-templates/, so sync has nothing to do). */
  emailTemplates?: LocalizedTemplate[];
  /** The account-center settings on first start; a fresh Logto tenant's (disabled) when absent. */
  accountCenter?: AccountCenterSettings;
};


export class ManagementStore {
  readonly #file: string;
  #state: ManagementState;

  /** Loads the saved state, or seeds it from the app's settings on first start. */
  constructor(dataDir: string, seed: ManagementSeed) {
    this.#file = path.join(dataDir, 'idp-management.json');
    const saved = readDataFile(this.#file, stateSchema);
    // Another app id means another app: the saved URIs belong to it, not to this one.
    if (saved && saved.application.id === seed.appId) {
      this.#state = { ...saved, accountCenter: saved.accountCenter ?? seed.accountCenter ?? disabledAccountCenter };
      return;
    }
    this.#state = {
      application: {
        id: seed.appId,
        name: seed.appName,
        createdAt: Date.now(),
        redirectUris: [`${seed.appBaseUrl}/callback`],
        postLogoutRedirectUris: [seed.appBaseUrl],
      },
      signInExperience: defaultSignInExperience,
      connectors: [{ id: rowId(12), connectorId: 'aws-ses-mail', config: { ...seed.sesConnector } }],
      emailTemplates: (seed.emailTemplates ?? []).map(({ languageTag, templateType, subject, content }) => ({
        id: rowId(21),
        languageTag,
        templateType,
        details: { subject, content, contentType: 'text/html' },
        createdAt: Date.now(),
      })),
      accountCenter: seed.accountCenter ?? disabledAccountCenter,
    };
    this.#save();
  }

  get state(): ManagementState {
    return this.#state;
  }

  update(change: (state: ManagementState) => void): void {
    const next = structuredClone(this.#state);
    change(next);
    this.#state = next;
    this.#save();
  }

  #save(): void {
    writeDataFile(this.#file, this.#state);
  }
}
