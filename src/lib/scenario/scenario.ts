import type { Given } from '../domain/seed';
import type { Instant } from '../domain/time';

/** One `*.scenario.json`, checked and with its times parsed (SCENARIOS.md). */
export interface Scenario {
  name: string;
  rules: string[];
  given: Given;
  devices: string[];
  steps: Step[];
}

export type Expectation = { kind: 'ok' } | { kind: 'any' } | { kind: 'error'; code: string };

export type Step =
  | {
      kind: 'command';
      at: Instant | null;
      device: string;
      as: string | null;
      type: string;
      payload: Record<string, unknown>;
      expect: Expectation;
    }
  | {
      kind: 'check';
      at: Instant | null;
      device: string;
      query: string;
      args: Record<string, unknown>;
      equals: unknown;
    }
  | { kind: 'sync'; at: Instant | null; devices: string[] }
  | { kind: 'converged'; at: Instant | null; devices: string[] };

export const DEFAULT_START = '2026-01-01T00:00:00Z';
export const DEFAULT_DEVICE = 'main';
