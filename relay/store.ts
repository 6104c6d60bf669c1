import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import initSqlJs from 'sql.js';
import type { Database, SqlValue } from 'sql.js';

/** The relay's SQLite database: sql.js keeps it in memory; the file is rewritten whole. */
export interface RelayStore {
  getDocument(name: string): Uint8Array | null;
  putDocument(name: string, state: Uint8Array): void;
  getTokenHash(tenant: string): Uint8Array | null;
  putTokenHash(tenant: string, hash: Uint8Array): void;
  /** Writes the file now if anything changed since the last write. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, state BLOB, updated_at INTEGER);
  CREATE TABLE IF NOT EXISTS tokens (tenant TEXT PRIMARY KEY, token_sha256 BLOB, created_at INTEGER);
`;

export async function openStore(file: string, writeDelayMs = 100): Promise<RelayStore> {
  const SQL = await initSqlJs();
  const isNew = !existsSync(file);
  if (isNew) mkdirSync(path.dirname(file), { recursive: true });
  const db = isNew ? new SQL.Database() : new SQL.Database(readFileSync(file));
  db.run(SCHEMA);

  let dirty = isNew;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  // Writes are chained so two exports never race for the same temp file.
  const write = (): Promise<void> => {
    writing = writing.then(async () => {
      if (!dirty) return;
      dirty = false;
      try {
        await writeAtomically(file, db.export());
      } catch (error) {
        dirty = true;
        console.error(`relay: could not write ${file}: ${String(error)}`);
      }
    });
    return writing;
  };

  const changed = (): void => {
    dirty = true;
    timer ??= setTimeout(() => {
      timer = undefined;
      void write();
    }, writeDelayMs);
  };

  const flush = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    await write();
  };

  if (isNew) changed();

  return {
    getDocument: (name) =>
      blob(firstValue(db, 'SELECT state FROM documents WHERE name = ?', [name])),
    putDocument(name, state) {
      db.run(
        `INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
        [name, state, Date.now()],
      );
      changed();
    },
    getTokenHash: (tenant) =>
      blob(firstValue(db, 'SELECT token_sha256 FROM tokens WHERE tenant = ?', [tenant])),
    putTokenHash(tenant, hash) {
      db.run('INSERT INTO tokens (tenant, token_sha256, created_at) VALUES (?, ?, ?)', [
        tenant,
        hash,
        Date.now(),
      ]);
      changed();
    },
    flush,
    async close() {
      await flush();
      db.close();
    },
  };
}

function firstValue(db: Database, sql: string, params: SqlValue[]): SqlValue | undefined {
  return db.exec(sql, params)[0]?.values[0]?.[0];
}

function blob(value: SqlValue | undefined): Uint8Array | null {
  return value instanceof Uint8Array ? value : null;
}

// A crash mid-write leaves the previous file intact: the new bytes only replace it by rename.
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}
