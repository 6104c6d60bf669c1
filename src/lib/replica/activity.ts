import type { Conflict } from './conflict';
import { opTime, type Op } from './op';

/** One op as the Activity page lists it: who did what, when, and how it came out. */
export interface Activity {
  id: string;
  hlc: string;
  /** The op's clock reading, in milliseconds. */
  time: number;
  author: string | null;
  device: string;
  type: string;
  payload: unknown;
  /** null: took effect; otherwise why it was refused at its position. */
  outcome: Conflict | null;
  /** Every device has been seen past it; until then its outcome may still change. */
  stable: boolean;
}

export function activityOf(op: Op, outcome: Conflict | null, stable: boolean): Activity {
  return {
    id: op.id,
    hlc: op.hlc,
    time: opTime(op),
    author: op.author,
    device: op.device,
    type: op.type,
    payload: op.payload,
    outcome,
    stable,
  };
}
