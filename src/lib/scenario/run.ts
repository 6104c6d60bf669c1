import type { Catalogue } from '../domain/catalogue/catalogue';
import { SeedError, seedTenant } from '../domain/seed';
import { toIsoInstant } from '../domain/time';
import type { Tenant } from '../domain/types';
import type { Replica } from '../replica/replica';
import { createDevices, syncPair } from './devices';
import { mismatch, show } from './match';
import type { Scenario, Step } from './scenario';

export type ScenarioResult = { ok: true } | { ok: false; message: string };

const fail = (message: string): ScenarioResult => ({ ok: false, message });

function label(step: Step): string {
  switch (step.kind) {
    case 'command':
      return `${step.type}${step.as ? ` as ${step.as}` : ''} on ${step.device}`;
    case 'check':
      return `check ${step.query} on ${step.device}`;
    default:
      return `${step.kind} ${step.devices.join(', ')}`;
  }
}

/** The first place two replicas' derived states differ, or null. */
function divergence(a: Replica, b: Replica): string | null {
  const left: unknown = JSON.parse(a.derivedState());
  const right: unknown = JSON.parse(b.derivedState());
  return mismatch(left, right) ?? mismatch(right, left);
}

/**
 * Runs one scenario through the real replica layer (one replica per device)
 * and the rules engine; the result names the first mismatch.
 */
export async function runScenario(
  scenario: Scenario,
  catalogue: Catalogue,
): Promise<ScenarioResult> {
  let given: Tenant;
  try {
    given = seedTenant(scenario.given, catalogue);
  } catch (error) {
    if (error instanceof SeedError) return fail(`given: ${error.message}`);
    throw error;
  }
  let now = scenario.given.start;
  const devices = await createDevices(scenario.devices, given, catalogue, now);
  const device = (name: string) => devices.get(name)!;

  for (const [index, step] of scenario.steps.entries()) {
    const at = `step ${index + 1} (${label(step)})`;
    if (step.at !== null) {
      if (step.at < now) {
        return fail(
          `${at}: "at" ${toIsoInstant(step.at)} goes back in time from ${toIsoInstant(now)}`,
        );
      }
      now = step.at;
    } else if (step.kind === 'command') {
      now += 1000;
    }

    switch (step.kind) {
      case 'command': {
        const outcome = await device(step.device).execute(
          { type: step.type, payload: step.payload },
          step.as,
          now,
        );
        const got = outcome.ok ? 'ok' : `${outcome.refusal.code} (${outcome.refusal.message})`;
        const expect = step.expect;
        if (expect.kind === 'ok' && !outcome.ok) return fail(`${at}: expected ok, got ${got}`);
        if (expect.kind === 'error' && (outcome.ok || outcome.refusal.code !== expect.code)) {
          return fail(`${at}: expected error ${expect.code}, got ${got}`);
        }
        break;
      }
      case 'check': {
        const replica = device(step.device);
        await replica.refresh(now);
        const answer = replica.query(step.query, step.args, now);
        const value = answer.ok ? answer.value : { error: answer.refusal.code };
        const found = mismatch(step.equals, value);
        if (found) {
          return fail(
            `${at}: ${found}${answer.ok ? '' : ` (${answer.refusal.message})`}\n      whole result: ${show(value)}`,
          );
        }
        break;
      }
      case 'sync':
        // Every pair named exchanges both ways, in order, until nothing new flows.
        for (let round = 0; round < step.devices.length; round++) {
          for (let i = 0; i + 1 < step.devices.length; i++) {
            await syncPair(device(step.devices[i]), device(step.devices[i + 1]), now);
          }
        }
        break;
      case 'converged': {
        const [first, ...rest] = step.devices.map(device);
        for (const other of rest) {
          const found = divergence(first, other);
          if (found) return fail(`${at}: ${first.device} and ${other.device} differ at ${found}`);
        }
        break;
      }
    }
  }
  return { ok: true };
}
