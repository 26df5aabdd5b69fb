// What other folders use of the connector; everything else stays inside lib/ses.
export { usageTypes, requiredUsageTypes, type UsageType } from './usage-types';
export {
  connectorFields,
  describeConnectorFields,
  parseSesConnectorConfigJson,
  type AwsSesConnectorConfig,
  type ConnectorFieldReport,
  type FieldStatus,
} from './connector-config';
export { findTemplate, renderEmail, testCode, type EmailTemplate } from './templates';
export { defaultLocalConnectorConfig, defaultTemplates } from './default-templates';
export { sendEmail, type SesSettings } from './send-email';
export { mapSesError, redactSecrets } from './errors';
export { checkRecipient, type RecipientRefusalCode } from './recipient-check';
