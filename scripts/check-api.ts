// `pnpm test:packages` runs this (after the packages are built): one API
// report per published entry point (API Extractor, on the built `.d.ts`),
// checked in under api/. A change to any public type or export that is not
// in the checked-in report fails, with the difference; `--update` (`pnpm
// api:update`) writes the new reports, to review and commit with the change.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';
import { buildPackages, publishablePackages } from './pack-packages';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const REPORTS = join(ROOT, 'api');
const update = process.argv.includes('--update');

/** `@session-heartbeat/openclaw` + `./page` → `openclaw-page`. */
function reportName(packageName: string, subpath: string): string {
  const base = packageName.replace(/^@session-heartbeat\//, '');
  return subpath === '.' ? base : `${base}-${subpath.replace(/^\.\//, '').replace(/\//g, '-')}`;
}

buildPackages();
mkdirSync(REPORTS, { recursive: true });
let changed = 0;
let checked = 0;
for (const pkg of publishablePackages()) {
  for (const [subpath, target] of Object.entries(pkg.manifest.publishConfig?.exports ?? {})) {
    if (typeof target === 'string' || target.types === undefined) continue; // a stylesheet
    const name = reportName(pkg.name, subpath);
    const config = ExtractorConfig.prepare({
      configObjectFullPath: join(pkg.dir, 'api-extractor.json'),
      packageJsonFullPath: join(pkg.dir, 'package.json'),
      configObject: {
        projectFolder: pkg.dir,
        mainEntryPointFilePath: join(pkg.dir, target.types),
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              target: 'ES2022',
              module: 'ESNext',
              moduleResolution: 'Bundler',
              lib: ['ES2023', 'DOM', 'DOM.Iterable'],
              types: ['node'],
              strict: true,
              skipLibCheck: true,
            },
          },
        },
        apiReport: {
          enabled: true,
          reportFileName: `${name}.api.md`,
          reportFolder: REPORTS,
          reportTempFolder: join(ROOT, 'node_modules/.cache/api-extractor'),
        },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          // We mark no release stages (@public/@beta): every export is public.
          extractorMessageReporting: {
            'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
            'ae-forgotten-export': { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
          },
          tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        },
      },
    });
    const result = Extractor.invoke(config, {
      localBuild: update,
      showVerboseMessages: false,
      messageCallback: (message) => {
        // The differences are printed below, once per report.
        if (message.messageId === 'console-api-report-changed') message.handled = true;
        if (message.logLevel === ExtractorLogLevel.Info) message.handled = true;
      },
    });
    checked += 1;
    const reportPath = join(REPORTS, `${name}.api.md`);
    if (result.apiReportChanged) {
      changed += 1;
      if (update) {
        console.log(`updated api/${name}.api.md`);
      } else {
        console.error(
          `FAIL api/${name}.api.md: the public API of ${pkg.name}${subpath === '.' ? '' : subpath.slice(1)} changed.` +
            ` Review it with \`pnpm api:update\` and \`git diff api/\`, then commit the report.`,
        );
        const fresh = join(ROOT, 'node_modules/.cache/api-extractor', `${name}.api.md`);
        if (existsSync(fresh) && existsSync(reportPath)) {
          printDifference(readFileSync(reportPath, 'utf8'), readFileSync(fresh, 'utf8'));
        }
      }
    } else if (!result.succeeded) {
      changed += 1;
      console.error(`FAIL api/${name}.api.md: API Extractor reported errors`);
    }
  }
}
console.log(
  `${checked} API reports ${update ? 'written' : 'checked'}${changed === 0 ? ', no change' : ''}`,
);
if (changed > 0 && !update) process.exitCode = 1;

/** The lines only in one of the two reports, each with its sign. */
function printDifference(before: string, after: string): void {
  const old = new Set(before.split('\n'));
  const now = new Set(after.split('\n'));
  for (const line of before.split('\n')) if (!now.has(line)) console.error(`  - ${line}`);
  for (const line of after.split('\n')) if (!old.has(line)) console.error(`  + ${line}`);
}
