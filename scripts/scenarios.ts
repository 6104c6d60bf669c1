/**
 * npm run scenarios -- <files or folders>: runs *.scenario.json files through
 * the rules engine, one line each, then "N passed, N failed".
 */
import { loadCatalogue } from '../src/lib/domain/catalogue/catalogue';
import { findScenarioFiles, runScenarioFile } from '../src/lib/scenario/files';

const paths = process.argv.slice(2);
if (!paths.length) {
  console.error('usage: npm run scenarios -- <scenario files or folders>');
  process.exit(2);
}

let files: string[];
try {
  files = await findScenarioFiles(paths);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const catalogue = await loadCatalogue();
let passed = 0;
let failed = 0;
for (const file of files) {
  const result = await runScenarioFile(file, catalogue);
  if (result.ok) {
    passed++;
    console.log(`ok   ${result.file} — ${result.name}`);
  } else {
    failed++;
    console.log(`FAIL ${result.file} — ${result.name}\n      ${result.message}`);
  }
}
if (!files.length) console.log('no *.scenario.json files found');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
