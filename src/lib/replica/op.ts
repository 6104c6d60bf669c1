import { canonicalJson } from './canonical';
import { contentHash } from './contentHash';
import { sign, verify, type DeviceKeys } from './deviceKeys';
import { parseHlc } from './hlc';

/** What an author signs: a command, when, by whom, on which device, having seen what. */
export interface OpBody {
  hlc: string;
  device: string;
  seq: number;
  author: string | null;
  /** The latest op of each device the author had seen: the heads. */
  prev: string[];
  type: string;
  payload: unknown;
}

/** An op: its id is the hash of its signed content. */
export interface Op extends OpBody {
  id: string;
  sig: string;
}

const bodyOf = (op: Op): OpBody => ({
  hlc: op.hlc,
  device: op.device,
  seq: op.seq,
  author: op.author,
  prev: op.prev,
  type: op.type,
  payload: op.payload,
});

export async function signOp(body: OpBody, keys: DeviceKeys): Promise<Op> {
  const sig = await sign(keys.privateKey, canonicalJson(body));
  const id = contentHash(canonicalJson({ ...body, sig }));
  return { ...body, id, sig };
}

/** The id is the hash of the op's content (its body and signature). */
export function hashMatches(op: Op): boolean {
  return contentHash(canonicalJson({ ...bodyOf(op), sig: op.sig })) === op.id;
}

/** The content hash matches the id, and the signature matches the content. */
export async function checkOp(op: Op, publicKey: CryptoKey): Promise<boolean> {
  if (!hashMatches(op)) return false;
  return verify(publicKey, canonicalJson(bodyOf(op)), op.sig);
}

/** Reads an op as stored (a JSON string), or null when it isn't one. */
export function parseOp(text: string): Op | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  const ok =
    typeof o['id'] === 'string' &&
    typeof o['sig'] === 'string' &&
    typeof o['hlc'] === 'string' &&
    parseHlc(o['hlc']) !== null &&
    typeof o['device'] === 'string' &&
    Number.isInteger(o['seq']) &&
    (o['author'] === null || typeof o['author'] === 'string') &&
    Array.isArray(o['prev']) &&
    o['prev'].every((p) => typeof p === 'string') &&
    typeof o['type'] === 'string' &&
    'payload' in o;
  return ok ? (o as unknown as Op) : null;
}

/**
 * An op as the log stores it: its text (sealed, or plain JSON), opened and
 * parsed the first time its content is needed.
 */
export class StoredOp {
  private parsed: Op | null;

  constructor(
    readonly id: string,
    readonly text: string,
    op?: Op,
    /** Reads the stored text: opens it first when it is sealed (Replica.readStored). */
    private readonly read: (text: string) => Op | null = parseOp,
  ) {
    this.parsed = op ?? null;
  }

  get op(): Op {
    if (!this.parsed) {
      // Only ops that parsed when first taken in are stored without their parse.
      const op = this.read(this.text);
      if (!op || op.id !== this.id) throw new Error(`The stored op ${this.id} no longer reads.`);
      this.parsed = op;
    }
    return this.parsed;
  }
}

const times = new WeakMap<Op, number>();

/** The op's clock reading in milliseconds: the `now` it is decided at. */
export function opTime(op: Op): number {
  let millis = times.get(op);
  if (millis === undefined) {
    millis = parseHlc(op.hlc)!.millis;
    times.set(op, millis);
  }
  return millis;
}

/**
 * Replay order: (hlc, device, seq), then id: two ops can claim the same
 * place (a forged copy of an op, say), and every replica must order them alike.
 */
export function compareOps(a: Op, b: Op): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.device !== b.device) return a.device < b.device ? -1 : 1;
  if (a.seq !== b.seq) return a.seq - b.seq;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
