import * as Y from 'yjs';
import { toBase64Url } from './base64url';
import { readShare, shareId } from './keyShares';
import { compareOps, type Op } from './op';
import type { Replica } from './replica';

/**
 * Sync files: how two admins without a network merge their work (USB stick,
 * e-mail), and the tenant's backup.
 *
 * A file is UTF-8 JSON, one line:
 *
 *   {"header":{"format":"seats-sync","version":1,…,"ops":N,"sha256":"…"},"body":["<op>",…]}
 *
 * The body is the list of op texts exactly as they are stored in the op map
 * (each a JSON string). Import checks every op's content hash and signature
 * before anything touches the document, and stores the very same text under
 * the op's id, so replicas that later also meet over Yjs hold identical
 * values. `header.sha256` is the SHA-256 (base64url) of the body as written,
 * which is `JSON.stringify(body)`: a damaged copy shows as CORRUPT, not as a
 * forgery. It is a checksum, not a seal; the ops' signatures are the seal.
 *
 * Beside the body, `keyShares` carries the tenant's key shares (keyShares.ts),
 * counted and checksummed in the header the same way: a device enrolled by
 * its code that syncs only by files gets the tenant key this way, as it would
 * from the relay. Files made before key shares have neither; they still read.
 */

/** Transaction origin of ops added from a sync file. */
export const FILE = 'seats:file';

export const SYNC_FORMAT = 'seats-sync';
export const SYNC_VERSION = 1;
/** For a download: `new Blob([bytes], { type: SYNC_FILE_TYPE })`. */
export const SYNC_FILE_TYPE = 'application/json';

export interface SyncFileHeader {
  format: 'seats-sync';
  version: 1;
  tenant: string;
  device: string;
  /** ISO instant of the export. */
  createdAt: string;
  ops: number;
  /** SHA-256, base64url, of the body's bytes. */
  sha256: string;
  /** How many key shares the file carries, and the SHA-256 of `JSON.stringify` of their list. */
  keyShares?: number;
  keySharesSha256?: string;
}

export interface SyncFileError {
  code:
    | 'NOT_A_SYNC_FILE'
    | 'UNSUPPORTED_VERSION'
    | 'WRONG_TENANT'
    | 'TRUNCATED'
    | 'CORRUPT'
    | 'TAMPERED'
    | 'SEALED';
  message: string;
  remedy: string;
}

export type SyncFileImport = { ok: true; added: number } | { ok: false; error: SyncFileError };

const encoder = new TextEncoder();

/**
 * A sync file of all this replica's ops or, given the peer's Yjs state vector
 * (as bytes, or as the base64 text of `stateVectorOf`), only those the peer's
 * document lacks. The bytes are what is hashed: save them as they are.
 */
export async function exportSyncFile(
  replica: Replica,
  options: { tenant: string; now: number; stateVector?: Uint8Array | string },
): Promise<Uint8Array<ArrayBuffer>> {
  const keys =
    options.stateVector === undefined
      ? replica.opMap.keys()
      : lackedKeys(replica, readStateVector(options.stateVector));
  const ops: { op: Op; text: string }[] = [];
  // A forged op stays a visible conflict here, but is not passed on: a backup must restore.
  const forged = replica.forgedOps();
  for (const key of new Set(keys)) {
    const text = replica.opMap.get(key);
    const op = text === undefined ? null : replica.readStored(text);
    // Entries the replica itself ignores (junk a peer wrote) are not passed on either.
    if (op && op.id === key && !forged.has(key)) ops.push({ op, text: text! });
  }
  ops.sort((a, b) => compareOps(a.op, b.op));
  const body = JSON.stringify(ops.map((o) => o.text));
  // All of them: they are few, and each opens only for the device it names.
  const shareTexts = [...replica.shares.values()].filter((text) => readShare(text)).sort();
  const shares = JSON.stringify(shareTexts);
  const header: SyncFileHeader = {
    format: SYNC_FORMAT,
    version: SYNC_VERSION,
    tenant: options.tenant,
    device: replica.device,
    createdAt: new Date(options.now).toISOString(),
    ops: ops.length,
    sha256: await digest(body),
    keyShares: shareTexts.length,
    keySharesSha256: await digest(shares),
  };
  return encoder.encode(
    `{"header":${JSON.stringify(header)},"body":${body},"keyShares":${shares}}\n`,
  );
}

/** This replica's Yjs state vector, base64: what to send a peer to get only what this side lacks. */
export function stateVectorOf(replica: Replica): string {
  return toBase64(Y.encodeStateVector(replica.doc));
}

/**
 * Checks a sync file completely, then adds the ops this replica lacks in one
 * transaction and replays them. A refused file changes nothing.
 */
export async function importSyncFile(
  replica: Replica,
  file: string | Uint8Array,
  options: { tenant: string; now: number },
): Promise<SyncFileImport> {
  const read = readFile(file, options.tenant);
  if (!read.ok) return read;
  const { header, body, shares } = read;

  if (body.length < header.ops)
    return refused(
      'TRUNCATED',
      `This sync file is incomplete: it holds ${body.length} of the ${header.ops} changes ${from(header)} it should.`,
      AGAIN,
    );
  if (body.length > header.ops)
    return refused(
      'CORRUPT',
      `This sync file is damaged: it holds ${body.length} changes but says it has ${header.ops}.`,
      AGAIN,
    );
  if ((await digest(JSON.stringify(body))) !== header.sha256)
    return refused(
      'CORRUPT',
      `This sync file ${from(header)} is damaged: its contents do not match its checksum.`,
      AGAIN,
    );

  const sharesRefused = await sharesProblem(header, shares);
  if (sharesRefused) return sharesRefused;

  // Keys enrolled by ops already in the document (not yet taken in) count when checking signatures.
  await replica.refresh(options.now);
  const texts = body.filter((entry): entry is string => typeof entry === 'string');
  // Tried, not taken: the key shares go into the log with the ops, and the
  // refresh after takes them as it takes the relay's (checked, or on trust).
  const sharedKeys = await replica.keysSharedIn(shares as string[]);
  const rejections = await replica.rejectedOf(texts, sharedKeys);
  if (rejections.some((r) => r.reason.startsWith('sealed'))) {
    return refused(
      'SEALED',
      `This sync file ${from(header)} is encrypted with the tenant's key, which this device does not hold.`,
      'Nothing was imported. Ask the admin who added this device to export a new sync file ' +
        'from their device after adding it: it then carries the key for this device. ' +
        'Or join with an invitation, which carries the key.',
    );
  }
  const rejected = new Set(rejections.map((r) => r.text));
  const bad = body.filter((entry) => typeof entry !== 'string' || rejected.has(entry));
  if (bad.length) {
    const first = opIdOf(bad[0]) ?? `number ${body.indexOf(bad[0]) + 1}`;
    const one = bad.length === 1;
    return refused(
      'TAMPERED',
      `${bad.length} of the ${body.length} changes in this sync file ${from(header)} ` +
        `${one ? 'was' : 'were'} altered after ${one ? 'it was' : 'they were'} made, ` +
        `or not signed by an enrolled device (${one ? '' : 'the first: '}change ${first}).`,
      'Nothing was imported. Do not use this file: ask the other admin for a new export, ' +
        'and tell them this one was altered on the way.',
    );
  }

  let added = 0;
  const opened = replica.readAllStored(texts, sharedKeys);
  replica.doc.transact(() => {
    texts.forEach((text, i) => {
      const id = opened[i]!.id;
      if (replica.opMap.has(id)) return;
      replica.opMap.set(id, text);
      added++;
    });
    for (const text of shares as string[]) {
      const share = readShare(text)!;
      const id = shareId(share.epoch, share.to);
      if (!replica.shares.has(id)) replica.shares.set(id, text);
    }
  }, FILE);
  await replica.refresh(options.now);
  return { ok: true, added };
}

const AGAIN = 'Nothing was imported. Copy the file again, or ask for a new export.';

/** The key shares as the header counts and checksums them, each a well-formed share; else why not. */
async function sharesProblem(
  header: SyncFileHeader,
  shares: unknown[],
): Promise<{ ok: false; error: SyncFileError } | null> {
  if (shares.length !== (header.keyShares ?? 0))
    return refused(
      shares.length < (header.keyShares ?? 0) ? 'TRUNCATED' : 'CORRUPT',
      `This sync file ${from(header)} is damaged: it holds ${shares.length} key shares but says it has ${header.keyShares ?? 0}.`,
      AGAIN,
    );
  if (
    header.keySharesSha256 !== undefined &&
    (await digest(JSON.stringify(shares))) !== header.keySharesSha256
  )
    return refused(
      'CORRUPT',
      `This sync file ${from(header)} is damaged: its key shares do not match their checksum.`,
      AGAIN,
    );
  const bad = shares.filter((text) => typeof text !== 'string' || !readShare(text));
  if (bad.length)
    return refused(
      'TAMPERED',
      `${bad.length} of the ${shares.length} key shares in this sync file ${from(header)} ${bad.length === 1 ? 'is' : 'are'} not well-formed: the file was altered after it was made.`,
      'Nothing was imported. Do not use this file: ask the other admin for a new export, ' +
        'and tell them this one was altered on the way.',
    );
  return null;
}

function refused(
  code: SyncFileError['code'],
  message: string,
  remedy: string,
): { ok: false; error: SyncFileError } {
  return { ok: false, error: { code, message, remedy } };
}

const from = (header: SyncFileHeader) =>
  `from ${header.device} (exported ${header.createdAt.slice(0, 16).replace('T', ' ')} UTC)`;

/** Reads the envelope: recognised, this version, this tenant, well-formed header; the body unchecked. */
function readFile(
  file: string | Uint8Array,
  tenant: string,
):
  | { ok: true; header: SyncFileHeader; body: unknown[]; shares: unknown[] }
  | { ok: false; error: SyncFileError } {
  const text = (typeof file === 'string' ? file : new TextDecoder().decode(file)).replace(
    /^\uFEFF/,
    '',
  );
  if (!text.trim())
    return refused(
      'NOT_A_SYNC_FILE',
      'This file is empty.',
      'If it was copied from a USB stick or an e-mail, copy it again; otherwise ask for a new export.',
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (!/"format"\s*:\s*"seats-sync"/.test(text.slice(0, 4096))) return notOurs();
    return endsEarly(text)
      ? refused(
          'TRUNCATED',
          'This sync file is incomplete: it ends early, as when a copy or download is cut short.',
          AGAIN,
        )
      : refused('CORRUPT', 'This sync file is damaged: it is no longer readable.', AGAIN);
  }
  const envelope = isRecord(value) ? value : {};
  const h = isRecord(envelope['header']) ? envelope['header'] : {};
  if (h['format'] !== SYNC_FORMAT) return notOurs();
  if (h['version'] !== SYNC_VERSION) {
    const newer = typeof h['version'] === 'number' && h['version'] > SYNC_VERSION;
    return refused(
      'UNSUPPORTED_VERSION',
      newer
        ? `This sync file was made by a newer version of Seats (format ${String(h['version'])}); this one reads format ${SYNC_VERSION}.`
        : `This sync file has a format version (${JSON.stringify(h['version'])}) that Seats does not know.`,
      newer
        ? 'Nothing was imported. Update Seats on this device, then import the file again.'
        : 'Nothing was imported. Ask for a new export from an up-to-date Seats.',
    );
  }
  const body = envelope['body'];
  const header = h as unknown as SyncFileHeader;
  const complete =
    typeof h['tenant'] === 'string' &&
    typeof h['device'] === 'string' &&
    typeof h['createdAt'] === 'string' &&
    Number.isSafeInteger(h['ops']) &&
    (h['ops'] as number) >= 0 &&
    typeof h['sha256'] === 'string' &&
    Array.isArray(body) &&
    (h['keyShares'] === undefined ||
      (Number.isSafeInteger(h['keyShares']) &&
        typeof h['keySharesSha256'] === 'string' &&
        Array.isArray(envelope['keyShares'])));
  if (!complete)
    return refused('CORRUPT', 'This sync file is damaged: parts of it are missing.', AGAIN);
  if (header.tenant !== tenant)
    return refused(
      'WRONG_TENANT',
      `This file is for tenant "${header.tenant}", not "${tenant}": it belongs to another tenant.`,
      `Nothing was imported. Open it in the console of tenant "${header.tenant}", ` +
        `or ask for an export from tenant "${tenant}".`,
    );
  const shares = Array.isArray(envelope['keyShares']) ? (envelope['keyShares'] as unknown[]) : [];
  return { ok: true, header, body: body as unknown[], shares };
}

function notOurs(): { ok: false; error: SyncFileError } {
  return refused(
    'NOT_A_SYNC_FILE',
    'This is not a Seats sync file.',
    'Choose a sync file exported from Seats, or ask the other admin to export one.',
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether unparseable JSON reads as the start of a longer document (cut
 * short) rather than as damaged: every bracket closed in order, and the text
 * ends inside a string or with brackets still open.
 */
function endsEarly(text: string): boolean {
  const open: string[] = [];
  let inString = false;
  let escaped = false;
  for (const c of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') open.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      if (open.pop() !== c) return false;
    }
  }
  return inString || open.length > 0;
}

/** The id an entry claims, if it claims one: to name it to the admin. */
function opIdOf(entry: unknown): string | null {
  if (typeof entry !== 'string') return null;
  try {
    const value: unknown = JSON.parse(entry);
    return isRecord(value) && typeof value['id'] === 'string' ? value['id'] : null;
  } catch {
    return null;
  }
}

/**
 * The op ids that `Y.encodeStateAsUpdate(doc, stateVector)` would carry: the
 * map entries the peer's document lacks. Read from the update's structs, not
 * by applying it to a scratch document: a partial update's structs wait
 * there, unapplied, for the earlier structs of their client. An entry set
 * anew (a repair) carries no key in the update, so its text names its op.
 */
function lackedKeys(replica: Replica, stateVector: Uint8Array): Set<string> {
  const keys = new Set<string>();
  const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(replica.doc, stateVector));
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.parentSub !== null) {
      keys.add(struct.parentSub);
      continue;
    }
    const values: unknown[] = struct.content.getContent();
    for (const value of values) {
      const op = typeof value === 'string' ? replica.readStored(value) : null;
      if (op) keys.add(op.id);
    }
  }
  return keys;
}

function readStateVector(stateVector: Uint8Array | string): Uint8Array {
  const bytes = typeof stateVector === 'string' ? fromBase64(stateVector.trim()) : stateVector;
  try {
    if (bytes) {
      const clocks = Y.decodeStateVector(bytes);
      if ([...clocks].every(([c, n]) => Number.isSafeInteger(c) && Number.isSafeInteger(n)))
        return bytes;
    }
  } catch {
    // Reported below.
  }
  throw new RangeError(
    'This is not a Seats state vector: ask the other admin to copy it again, or export everything.',
  );
}

async function digest(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return toBase64Url(hash);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
