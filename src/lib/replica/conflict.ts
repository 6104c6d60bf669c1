import type { ErrorCode, Refusal } from '../domain/refusal';
import { toIsoInstant } from '../domain/time';
import { parseHlc } from './hlc';
import type { Op } from './op';

/** A change that did not take effect where it landed in the merged log (SYNC-3, SYNC-4). */
export interface Conflict {
  op: string;
  by: string | null;
  device: string;
  do: string;
  code: ErrorCode;
  message: string;
  remedy?: string;
  /** The refusal's values (the subscription, counts), so a resolution can act on them. */
  params?: Record<string, string | number>;
  at: string;
  payload: unknown;
}

export function conflictOf(op: Op, refusal: Refusal): Conflict {
  return {
    op: op.id,
    by: op.author,
    device: op.device,
    do: op.type,
    code: refusal.code,
    message: refusal.message,
    ...(refusal.remedy ? { remedy: refusal.remedy } : {}),
    ...(refusal.params ? { params: refusal.params } : {}),
    at: toIsoInstant(parseHlc(op.hlc)?.millis ?? 0),
    payload: op.payload,
  };
}
