import { fromBase64Url, toBase64Url } from './base64url';
import { publicKeyOfSecret } from './invitationProof';
import type { TenantKey } from './sealing';

/**
 * What an invited person receives (SYNC-5): which tenant, for whom, the
 * one-time secret, and how to reach the tenant's ops: a relay, or (in an
 * invitation file, for sites with no network) a sync file of them, with the
 * tenant keys that open them. As a link
 * it rides in the URL fragment, which browsers never send to a server.
 */
export interface InvitationBundle {
  format: 'seats-invitation';
  version: 1;
  tenant: string;
  tenantName: string;
  invitation: string;
  person: string;
  personName: string;
  /** ISO instant; shown to the invited person, decided by the engine. */
  expiresAt: string;
  secret: string;
  relay?: { url: string; token: string };
  /** The tenant keys the ops are sealed with (end-to-end encryption): none for a plain tenant. */
  keys?: TenantKey[];
  /** Invitation files only: the text of a sync file of the tenant's ops. */
  sync?: string;
}

export type InvitationReadError = 'NOT_AN_INVITATION' | 'DAMAGED';

export type InvitationRead =
  { ok: true; bundle: InvitationBundle } | { ok: false; error: InvitationReadError };

const FORMAT = 'seats-invitation';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The link to send: `<origin>/join#<bundle>`; a link never carries the sync file. */
export function invitationLink(origin: string, bundle: InvitationBundle): string {
  const linked = { ...bundle };
  delete linked.sync;
  return `${origin}/join#${toBase64Url(encoder.encode(JSON.stringify(linked)))}`;
}

/** The invitation file: the bundle with a sync file of the tenant's ops inside. */
export function invitationFile(bundle: InvitationBundle, syncFile: string): string {
  return JSON.stringify({ ...bundle, sync: syncFile });
}

/** Reads a pasted link, a bare fragment, or an invitation file's text. */
export function readInvitation(text: string): InvitationRead {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return fromJson(trimmed);
  const fragment = trimmed.includes('#') ? trimmed.slice(trimmed.indexOf('#') + 1) : trimmed;
  const bytes = fromBase64Url(fragment);
  if (!bytes || fragment.length < 16) {
    return { ok: false, error: trimmed.includes('#') ? 'DAMAGED' : 'NOT_AN_INVITATION' };
  }
  let json: string;
  try {
    json = decoder.decode(bytes);
  } catch {
    return { ok: false, error: 'DAMAGED' };
  }
  const read = fromJson(json);
  // A link cut short decodes to broken JSON: say it is damaged, not foreign.
  return read.ok || !json.startsWith('{"format":"seats-invitation"')
    ? read
    : { ok: false, error: 'DAMAGED' };
}

function fromJson(json: string): InvitationRead {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: json.includes(FORMAT) ? 'DAMAGED' : 'NOT_AN_INVITATION' };
  }
  if (!isRecord(value) || value['format'] !== FORMAT)
    return { ok: false, error: 'NOT_AN_INVITATION' };
  return wellFormed(value) ? { ok: true, bundle: value } : { ok: false, error: 'DAMAGED' };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const TEXTS = ['tenant', 'tenantName', 'invitation', 'person', 'personName', 'expiresAt', 'secret'];

function wellFormed(
  value: Record<string, unknown>,
): value is InvitationBundle & Record<string, unknown> {
  if (value['version'] !== 1 || !TEXTS.every((key) => typeof value[key] === 'string')) return false;
  // The secret must be the invitation's own: a mangled copy would only fail later, less clearly.
  if (publicKeyOfSecret(value['secret'] as string)?.x !== value['invitation']) return false;
  const relay = value['relay'];
  if (relay !== undefined) {
    if (!isRecord(relay) || typeof relay['url'] !== 'string' || typeof relay['token'] !== 'string')
      return false;
  }
  const keys = value['keys'];
  if (keys !== undefined && !(Array.isArray(keys) && keys.every(isTenantKey))) return false;
  return value['sync'] === undefined || typeof value['sync'] === 'string';
}

function isTenantKey(value: unknown): value is TenantKey {
  return (
    isRecord(value) &&
    Number.isInteger(value['epoch']) &&
    typeof value['key'] === 'string' &&
    fromBase64Url(value['key'])?.length === 32
  );
}
