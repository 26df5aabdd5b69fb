export { usageTypes, requiredUsageTypes, isUsageType, type UsageType } from './usage-types';
export {
  awsSesConnectorConfigSchema,
  configSourceName,
  connectorFields,
  describeConnectorFields,
  formatFieldPath,
  hiddenSecretLabel,
  maskAccessKeyId,
  parseSesConnectorConfig,
  parseSesConnectorConfigJson,
  type AwsSesConnectorConfig,
  type ConfigIssue,
  type ConnectorFieldName,
  type ConnectorFieldReport,
  type FieldStatus,
  type ParseConfigResult,
  type SesTemplate,
} from './connector-config';
export {
  findTemplate,
  renderEmail,
  renderTemplate,
  type EmailPayload,
  type EmailTemplate,
  type FindTemplateResult,
} from './templates';
export {
  defaultLocalConnectorConfig,
  defaultTemplates,
  type DefaultTemplate,
  type LocalConnectorOptions,
} from './default-templates';
export {
  buildSendEmailCommandInput,
  getSesClient,
  sendEmail,
  sendRenderedEmail,
  type RenderedEmail,
  type SendEmailRequest,
  type SendEmailResult,
  type SesSettings,
} from './send-email';
export {
  mapSesError,
  redactSecrets,
  redactedLabel,
  SesInvalidResponseError,
  SesTemplateNotFoundError,
  type SesErrorAnswer,
  type SesErrorContext,
} from './errors';
