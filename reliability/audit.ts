import { execFile } from 'node:child_process';

/** `npm audit` of what the app ships (no dev dependencies): how many high and critical advisories. */
export type AuditResult = { available: true; high: number; critical: number } | { available: false; reason: string };

export function auditProductionDependencies(timeoutMs = 60_000): Promise<AuditResult> {
  return new Promise((resolve) => {
    // npm audit exits non-zero when it finds anything; its JSON is on stdout either way.
    execFile('npm', ['audit', '--omit=dev', '--json'], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      try {
        const report = JSON.parse(stdout) as { metadata?: { vulnerabilities?: { high?: number; critical?: number } }; message?: string; error?: { summary?: string } };
        const counts = report.metadata?.vulnerabilities;
        if (counts) return resolve({ available: true, high: counts.high ?? 0, critical: counts.critical ?? 0 });
        resolve({ available: false, reason: report.message || report.error?.summary || 'no audit report' });
      } catch {
        resolve({ available: false, reason: error?.message.split('\n')[0] ?? 'no audit report' });
      }
    });
  });
}
