import type { Tenant } from '../domain/types';
import type { Conflict } from './conflict';
import { sha256 } from './deviceKeys';

/**
 * The replayed state as stored beside the op log, with what identifies the
 * ops it reflects, so a start can trust it only if the log still agrees.
 */
export interface Snapshot {
  version: 1;
  opCount: number;
  /** sha256 of the sorted op ids. */
  digest: string;
  tenant: Tenant;
  conflicts: Conflict[];
  /** The key fingerprint each device's ops verified against. */
  deviceKeys: Record<string, string>;
  /** Ops whose signature no key accepted. */
  unverified: string[];
}

export function digestOf(opIds: Iterable<string>): Promise<string> {
  return sha256([...opIds].sort().join('\n'));
}
