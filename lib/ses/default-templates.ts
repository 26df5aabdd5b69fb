import type { AwsSesConnectorConfig } from './connector-config';
import type { EmailTemplate } from './templates';
import { usageTypes, type UsageType } from './usage-types';

type Wording = {
  /** Subject line, before "is {{code}}". */
  subject: string;
  heading: string;
  /** Says who the code is for and why it was sent. */
  intro: string;
};

const wording: Record<UsageType, Wording> = {
  Register: {
    subject: 'Your registration code',
    heading: 'Finish creating your account',
    intro: 'Someone, hopefully you, started creating an account with this email address. Enter this code to confirm the address belongs to you.',
  },
  SignIn: {
    subject: 'Your sign-in code',
    heading: 'Sign in to your account',
    intro: 'Someone, hopefully you, asked to sign in with this email address. Enter this code to finish signing in.',
  },
  ForgotPassword: {
    subject: 'Your password reset code',
    heading: 'Reset your password',
    intro: 'Someone, hopefully you, asked to reset the password of the account that uses this email address. Enter this code to choose a new password.',
  },
  Generic: {
    subject: 'Your verification code',
    heading: 'Confirm your email address',
    intro: 'Someone, hopefully you, asked for a verification code for this email address. Enter this code to continue.',
  },
  OrganizationInvitation: {
    subject: 'Your organization invitation code',
    heading: 'You have been invited to an organization',
    intro: 'An invitation to join an organization was sent to this email address. Enter this code to accept it.',
  },
  UserPermissionValidation: {
    subject: 'Your identity confirmation code',
    heading: 'Confirm it is you',
    intro: 'The account that uses this email address is about to make a sensitive change. Enter this code to confirm it is you.',
  },
  BindNewIdentifier: {
    subject: 'Your code to link this email',
    heading: 'Link this email address',
    intro: 'Someone, hopefully you, asked to link this email address to their account. Enter this code to confirm.',
  },
  MfaVerification: {
    subject: 'Your 2-step verification code',
    heading: 'Your 2-step verification code',
    intro: 'The account that uses this email address is signing in and needs a second step. Enter this code to continue.',
  },
  BindMfa: {
    subject: 'Your code to set up 2-step verification',
    heading: 'Set up 2-step verification',
    intro: 'Someone, hopefully you, is adding this email address as a second sign-in step. Enter this code to finish.',
  },
};

// Mail clients ignore <style> blocks and modern CSS, so the layout is tables with inline styles.
function emailHtml({ heading, intro }: Wording): string {
  const font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;";
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${heading}</title></head>
<body style="margin:0;padding:0;background-color:#f4f4f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:32px 16px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:480px;background-color:#ffffff;border-radius:8px;">
<tr><td style="padding:32px 32px 8px;${font}font-size:22px;font-weight:600;color:#18181b;">${heading}</td></tr>
<tr><td style="padding:8px 32px;${font}font-size:15px;line-height:22px;color:#3f3f46;">${intro}</td></tr>
<tr><td align="center" style="padding:24px 32px;">
<div style="display:inline-block;padding:14px 24px;background-color:#f4f4f5;border-radius:6px;font-family:'SFMono-Regular',Menlo,Consolas,monospace;font-size:32px;font-weight:700;letter-spacing:8px;color:#18181b;">{{code}}</div>
</td></tr>
<tr><td style="padding:0 32px 24px;${font}font-size:14px;line-height:20px;color:#52525b;">This code expires in 10 minutes. Never share it: nobody from our team will ask you for it.</td></tr>
<tr><td style="padding:16px 32px 32px;border-top:1px solid #e4e4e7;${font}font-size:12px;line-height:18px;color:#71717a;">If you did not ask for this code, you can ignore this email. Nothing happens without it.</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}

/** One template per usage type Logto sends, for local development and as a starting point. */
export const defaultTemplates: readonly EmailTemplate[] = usageTypes.map((usageType) => ({
  usageType,
  subject: `${wording[usageType].subject} is {{code}}`,
  content: emailHtml(wording[usageType]),
}));

export type LocalConnectorOptions = Pick<AwsSesConnectorConfig, 'accessKeyId' | 'accessKeySecret' | 'region'> &
  Partial<Omit<AwsSesConnectorConfig, 'accessKeyId' | 'accessKeySecret' | 'region'>>;

/**
 * A complete connector config for the local SES stand-in. The credentials come from the caller
 * (the local defaults) so that this folder never holds one, real or dummy.
 */
export function defaultLocalConnectorConfig(options: LocalConnectorOptions): AwsSesConnectorConfig {
  return {
    ...options,
    // Copies, so that a caller editing its config cannot change the shared defaults.
    templates: options.templates ?? defaultTemplates.map((template) => ({ ...template })),
  };
}
