import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RateLimit } from './rate-limit';

export interface RelayOptions {
  port: number;
  host: string;
  /** Path of the SQLite file; created (with its directory) if missing. */
  dbPath: string;
  /** Tenant id → shared secret. */
  tokens: ReadonlyMap<string, string>;
  /** Trust on first use: an unlisted tenant is registered by its first client's token. */
  openTenants: boolean;
  maxMessageBytes: number;
  /** Messages a second each connection may send, and how many at once. */
  rateLimit: RateLimit;
  redisUrl?: string;
  /** How long Hocuspocus waits after the last change before storing a document. */
  storeDebounceMs?: number;
}

const relayDir = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_DB = path.join(relayDir, 'data', 'relay.sqlite');
const DEFAULT_MAX_MESSAGE_BYTES = 5 * 1024 * 1024;
// An honest device sends a handful of messages on connect (token, sync, awareness), then one
// per change an admin makes: far below 20 a second. The burst leaves room for a quick run of
// changes, or several tabs' changes passed on at once.
const DEFAULT_MESSAGES_PER_SECOND = 20;
const DEFAULT_MESSAGE_BURST = 100;

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): RelayOptions {
  return {
    port: integer(env.RELAY_PORT, 'RELAY_PORT', 1234),
    host: env.RELAY_HOST || '127.0.0.1',
    dbPath: path.resolve(env.RELAY_DB || DEFAULT_DB),
    tokens: readTokens(env),
    openTenants: env.RELAY_OPEN_TENANTS === '1',
    maxMessageBytes: integer(
      env.RELAY_MAX_MESSAGE_BYTES,
      'RELAY_MAX_MESSAGE_BYTES',
      DEFAULT_MAX_MESSAGE_BYTES,
    ),
    rateLimit: {
      perSecond: integer(
        env.RELAY_MESSAGES_PER_SECOND,
        'RELAY_MESSAGES_PER_SECOND',
        DEFAULT_MESSAGES_PER_SECOND,
        1,
      ),
      burst: integer(env.RELAY_MESSAGE_BURST, 'RELAY_MESSAGE_BURST', DEFAULT_MESSAGE_BURST, 1),
    },
    redisUrl: env.REDIS_URL || undefined,
  };
}

function integer(raw: string | undefined, name: string, fallback: number, min = 0): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}`);
  }
  return value;
}

function readTokens(env: NodeJS.ProcessEnv): Map<string, string> {
  const tokens = new Map<string, string>();
  if (env.RELAY_TOKENS_FILE) {
    addTokens(tokens, readFileSync(env.RELAY_TOKENS_FILE, 'utf8'), 'RELAY_TOKENS_FILE');
  }
  if (env.RELAY_TOKENS) addTokens(tokens, env.RELAY_TOKENS, 'RELAY_TOKENS');
  return tokens;
}

// Error messages name the source and the tenant, never the token.
function addTokens(into: Map<string, string>, json: string, source: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`${source} is not valid JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${source} must be a JSON object {"tenantId": "token"}`);
  }
  for (const [tenant, token] of Object.entries(parsed)) {
    if (typeof token !== 'string' || token === '') {
      throw new Error(`${source}: the token of tenant "${tenant}" must be a non-empty string`);
    }
    into.set(tenant, token);
  }
}
