import type { Catalogue } from '../domain/catalogue/catalogue';
import { execute } from '../domain/engine';
import { query } from '../domain/queries';
import { SeedError, seedTenant } from '../domain/seed';
import { toIsoInstant } from '../domain/time';
import type { Tenant } from '../domain/types';
import { mismatch, show } from './match';
import type { Scenario, Step } from './scenario';

export type ScenarioResult = { ok: true } | { ok: false; message: string };

const fail = (message: string): ScenarioResult => ({ ok: false, message });

function label(step: Step): string {
  switch (step.kind) {
    case 'command':
      return `${step.type}${step.as ? ` as ${step.as}` : ''}`;
    case 'check':
      return `check ${step.query}`;
    default:
      return `${step.kind} ${step.devices.join(', ')}`;
  }
}

/** Runs one scenario through the rules engine; the result names the first mismatch. */
export function runScenario(scenario: Scenario, catalogue: Catalogue): ScenarioResult {
  if (
    scenario.devices.length > 1 ||
    scenario.steps.some((s) => s.kind === 'sync' || s.kind === 'converged')
  ) {
    return fail(
      'multi-device steps (several devices, sync, converged) need the replication layer, which this runner does not have yet',
    );
  }
  let tenant: Tenant;
  try {
    tenant = seedTenant(scenario.given, catalogue);
  } catch (error) {
    if (error instanceof SeedError) return fail(`given: ${error.message}`);
    throw error;
  }

  let now = scenario.given.start;
  for (const [index, step] of scenario.steps.entries()) {
    const at = `step ${index + 1} (${label(step)})`;
    if (step.at !== null) {
      if (step.at < now)
        return fail(
          `${at}: "at" ${toIsoInstant(step.at)} goes back in time from ${toIsoInstant(now)}`,
        );
      now = step.at;
    } else if (step.kind === 'command') {
      now += 1000;
    }

    if (step.kind === 'command') {
      const outcome = execute(
        tenant,
        { type: step.type, payload: step.payload },
        { now, author: step.as, catalogue },
      );
      const got = outcome.ok ? 'ok' : `${outcome.refusal.code} (${outcome.refusal.message})`;
      const expect = step.expect;
      if (expect.kind === 'any') continue;
      if (expect.kind === 'ok' && !outcome.ok) return fail(`${at}: expected ok, got ${got}`);
      if (expect.kind === 'error' && (outcome.ok || outcome.refusal.code !== expect.code)) {
        return fail(`${at}: expected error ${expect.code}, got ${got}`);
      }
    } else if (step.kind === 'check') {
      const answer =
        step.query === 'conflicts'
          ? { ok: true as const, value: [] }
          : query(tenant, step.query, step.args, { now, author: null, catalogue });
      const value = answer.ok ? answer.value : { error: answer.refusal.code };
      const found = mismatch(step.equals, value);
      if (found)
        return fail(
          `${at}: ${found}${answer.ok ? '' : ` (${answer.refusal.message})`}\n      whole result: ${show(value)}`,
        );
    }
  }
  return { ok: true };
}
