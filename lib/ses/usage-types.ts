/**
 * The reasons Logto sends an email ("usage types", `TemplateType` in Logto's connector kit).
 * Logto picks the connector template by this value, so the spelling must match Logto's exactly.
 */
export const usageTypes = [
  'Register',
  'SignIn',
  'ForgotPassword',
  'Generic',
  'OrganizationInvitation',
  'UserPermissionValidation',
  'BindNewIdentifier',
  'MfaVerification',
  'BindMfa',
] as const;

export type UsageType = (typeof usageTypes)[number];

/**
 * Logto refuses a connector config without these four. Every other usage type falls back to
 * the Generic template, which is why Generic is mandatory.
 */
export const requiredUsageTypes = ['Register', 'SignIn', 'ForgotPassword', 'Generic'] as const satisfies readonly UsageType[];

export function isUsageType(value: unknown): value is UsageType {
  return typeof value === 'string' && (usageTypes as readonly string[]).includes(value);
}
