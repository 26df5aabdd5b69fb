// The part of Logto's AWS SES connector package the parity test uses (logto-connector-parity.test.ts).
// It ships JavaScript without types.
declare module '@logto/connector-aws-ses' {
  type Template = { subject: string; content: string };
  type SendMessage = (data: { to: string; type: string; payload: Record<string, unknown> }, config?: unknown) => Promise<unknown>;
  const createAwsSesConnector: (kit: {
    getConfig: (id: string) => Promise<unknown>;
    getI18nEmailTemplate?: (type: string, locale?: string) => Promise<Template | undefined>;
  }) => Promise<{ sendMessage: SendMessage }>;
  export default createAwsSesConnector;
}
