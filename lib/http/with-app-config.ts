import { getConfig, type AppConfig } from '@/lib/config';
import { appNotConfigured } from '@/lib/failure/failure';
import { failureResponse } from '@/lib/failure/failure-response';

/**
 * A JSON route handler that needs the app's settings: with a broken configuration it answers
 * 503 `app_not_configured`, naming the variables (the server log has the details).
 */
export function withAppConfig(handle: (request: Request, config: AppConfig) => Promise<Response>): (request: Request) => Promise<Response> {
  return async (request) => {
    const result = getConfig();
    return result.ok ? handle(request, result.config) : failureResponse(appNotConfigured(result.problems));
  };
}
