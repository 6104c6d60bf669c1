import type { GivenAssignment, GivenSubscription, GivenUser } from '../domain/seed';
import type { UnknownProduct } from '../domain/types';

/** The importTenant command's payload, as givenReader.ts reads it. */
export interface ImportPayload {
  users: GivenUser[];
  subscriptions: GivenSubscription[];
  assignments: GivenAssignment[];
  productKeys: [];
  /** Kept as they are, with their GUIDs and holders: nothing of the real tenant is dropped. */
  unknownProducts: UnknownProduct[];
}

/** One thing about the input, and where it is: file and line, page and index, or JSON path. */
export interface ImportRemark {
  where: string;
  why: string;
}

/**
 * What an import would do, shown before anything changes. `problems`: what could not be read
 * and was left out; `notes`: what was taken, but not quite as it stands in the input.
 */
export interface ImportPreview {
  payload: ImportPayload;
  counts: { users: number; subscriptions: number; assignments: number };
  problems: ImportRemark[];
  notes: ImportRemark[];
}

export type Progress = (done: number, total: number) => void;

/** Why a file as a whole cannot be imported: the page words each in the person's language. */
export type ImportRefusalCode =
  | 'TOO_BIG'
  | 'UTF16_READ_AS_UTF8'
  | 'UTF16_WITHOUT_BOM'
  | 'NOT_UTF8'
  | 'BROKEN_JSON'
  | 'CUT_SHORT'
  | 'EMPTY'
  | 'NOT_GRAPH'
  | 'NOT_ACTIVE_USERS'
  | 'WHICH_FILES';

/** The whole file cannot be imported (too big, not JSON, wrong columns); nothing was read. */
export class ImportRefused extends Error {
  constructor(
    readonly file: string,
    readonly code: ImportRefusalCode,
    /** The specifics in English: a line number, the missing columns. */
    readonly why: string,
  ) {
    super(`${file}: ${why}`);
  }
}

export function previewOf(
  payload: Omit<ImportPayload, 'unknownProducts'>,
  problems: ImportRemark[],
  notes: ImportRemark[],
  unknownProducts: UnknownProduct[],
): ImportPreview {
  // A holder whose own row could not be read is not brought in, so cannot hold anything.
  const brought = new Set(payload.users.map((u) => u.id));
  const kept = unknownProducts.map((u) => ({
    ...u,
    holders: u.holders.filter((id) => brought.has(id)),
  }));
  return {
    payload: { ...payload, unknownProducts: kept },
    counts: {
      users: payload.users.length,
      subscriptions: payload.subscriptions.length,
      assignments: payload.assignments.length,
    },
    problems,
    notes,
  };
}
