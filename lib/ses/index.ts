// What other folders use of the connector; everything else stays inside lib/ses.
export { usageTypes, requiredUsageTypes, type UsageType } from './usage-types';
export {
  connectorFields,
  describeConnectorFields,
  parseSesConnectorConfig,
  parseSesConnectorConfigJson,
  type AwsSesConnectorConfig,
  type ConnectorFieldReport,
  type FieldStatus,
} from './connector-config';
export { findTemplate, renderEmail, testCode, type EmailTemplate } from './templates';
export { chooseTemplate, describeTemplateSource, type ChosenTemplate, type LocalizedTemplate, type TemplateSource } from './template-order';
export { describeTemplateProblems, languageTagPattern, loadEmailTemplates, repositoryTemplateLanguages, templatePreviewLanguages, type EmailTemplatesProblem, type TemplatePreviewLanguages, type EmailTemplatesResult } from './email-templates';
export { defaultLocalConnectorConfig, defaultTemplates } from './default-templates';
export { sendEmail, sendRenderedEmail, type SesSettings, type TemplateLanguages } from './send-email';
export { mapSesError, redactSecrets } from './errors';
export { checkRecipient, type RecipientRefusalCode } from './recipient-check';
