/**
 * `npm run docs:figures`: the latest figures of `npm run test:reliability` and `npm run bench`
 * (under test-results/figures/) into docs/RELIABILITY.md and docs/PERFORMANCE.md. A suite that
 * has not run on this checkout is said and left alone; nothing to copy at all is an error.
 */
import { copyLatestFiguresIntoDoc, figureReports } from './figures';

async function main(): Promise<number> {
  let copied = 0;
  for (const [suite, report] of Object.entries(figureReports)) {
    if (await copyLatestFiguresIntoDoc(report)) {
      copied += 1;
      console.log(`${report.doc}: the ${suite} figures of ${report.figuresFile}.`);
    } else {
      console.log(`${report.doc}: left as it is, no ${report.figuresFile} (run the ${suite} first).`);
    }
  }
  return copied > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
