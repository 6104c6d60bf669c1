import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/lib/domain/catalogue/catalogue';
import { ERROR_CODES } from '../../src/lib/domain/refusal';
import { findScenarioFiles, runScenarioFile } from '../../src/lib/scenario/files';

interface ScenarioJson {
  rules: string[];
  steps: { expect?: { error?: string }; check?: string; equals?: unknown }[];
}

const here = dirname(fileURLToPath(import.meta.url));
const catalogue = await loadCatalogue();
const files = await findScenarioFiles([here]);
const scenarios = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as ScenarioJson);

describe('tests/scenarios', () => {
  it.each(files.map((file) => [file.slice(here.length + 1), file]))('%s', async (_name, file) => {
    const result = await runScenarioFile(file, catalogue);
    expect(result.message ?? 'ok').toBe('ok');
  });
});

describe('the scenarios cover the specification', () => {
  const rulesFile = join(here, '../../../shared/spec/RULES.md');

  it.skipIf(!existsSync(rulesFile))(
    'every rule ID of RULES.md but SYNC-5 is named by some scenario',
    () => {
      const ids = [...readFileSync(rulesFile, 'utf8').matchAll(/^\| ([A-Z]+-\d+) \|/gm)].map(
        (m) => m[1],
      );
      const named = new Set(scenarios.flatMap((s) => s.rules));
      expect(ids.length).toBeGreaterThan(40);
      // SYNC-5 (device trust) is for the adversarial suite, not for scenarios.
      expect(ids.filter((id) => id !== 'SYNC-5' && !named.has(id))).toEqual([]);
    },
  );

  it('every error code is expected by some command step or shows in a conflicts check', () => {
    // Forged and unenrolled ops can't be written as scenario steps, nor a join whose proof is
    // signed over a key the runner makes at run time; the replica and adversarial tests cover them.
    const unscriptable = [
      'INVALID_SIGNATURE',
      'UNKNOWN_DEVICE',
      'INVITATION_EXPIRED',
      'INVITATION_USED',
    ];
    const seen = new Set<string | undefined>();
    for (const step of scenarios.flatMap((s) => s.steps)) {
      seen.add(step.expect?.error);
      if (step.check === 'conflicts' && Array.isArray(step.equals)) {
        for (const conflict of step.equals as { code?: string }[]) seen.add(conflict.code);
      }
    }
    expect(ERROR_CODES.filter((code) => !unscriptable.includes(code) && !seen.has(code))).toEqual(
      [],
    );
  });
});
