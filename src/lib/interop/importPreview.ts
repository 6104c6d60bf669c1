import type { GivenAssignment, GivenSubscription, GivenUser } from '../domain/seed';

/** The importTenant command's payload, as givenReader.ts reads it. */
export interface ImportPayload {
  users: GivenUser[];
  subscriptions: GivenSubscription[];
  assignments: GivenAssignment[];
  productKeys: [];
}

/** One thing about the input, and where it is: file and line, page and index, or JSON path. */
export interface ImportRemark {
  where: string;
  why: string;
}

/** A product the input names that the catalogue lacks: kept here so the admin sees what was left out. */
export interface UnknownProduct {
  skuId: string | null;
  name: string;
  /** User ids (UPNs) that hold it. */
  holders: string[];
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
  unknownProducts: UnknownProduct[];
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
  payload: ImportPayload,
  problems: ImportRemark[],
  notes: ImportRemark[],
  unknownProducts: UnknownProduct[],
): ImportPreview {
  return {
    payload,
    counts: {
      users: payload.users.length,
      subscriptions: payload.subscriptions.length,
      assignments: payload.assignments.length,
    },
    problems,
    notes,
    unknownProducts,
  };
}
