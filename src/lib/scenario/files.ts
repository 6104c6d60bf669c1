import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Catalogue } from '../domain/catalogue/catalogue';
import { MalformedInput } from '../domain/givenReader';
import { parseScenario } from './parse';
import { runScenario } from './run';

export interface FileResult {
  file: string;
  name: string;
  ok: boolean;
  message?: string;
}

/** Every `*.scenario.json` under the given files and folders, sorted. */
export async function findScenarioFiles(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  async function walk(path: string): Promise<void> {
    const info = await stat(path);
    if (info.isDirectory()) {
      for (const entry of (await readdir(path)).sort()) await walk(join(path, entry));
    } else if (path.endsWith('.scenario.json')) {
      found.push(path);
    }
  }
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) throw new Error(`${path}: no such file or folder`);
    if (info.isFile() && !path.endsWith('.scenario.json'))
      throw new Error(`${path}: not a *.scenario.json file`);
    await walk(path);
  }
  return [...new Set(found)];
}

/** Reads, checks and runs one file; a malformed file is a failure, never a skip. */
export async function runScenarioFile(file: string, catalogue: Catalogue): Promise<FileResult> {
  const shown = relative(process.cwd(), file) || file;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return {
      file: shown,
      name: '(unreadable)',
      ok: false,
      message: `not valid JSON: ${(error as Error).message}`,
    };
  }
  const name =
    typeof (json as { name?: unknown })?.name === 'string'
      ? (json as { name: string }).name
      : '(no name)';
  try {
    const result = await runScenario(parseScenario(json), catalogue);
    return result.ok
      ? { file: shown, name, ok: true }
      : { file: shown, name, ok: false, message: result.message };
  } catch (error) {
    if (error instanceof MalformedInput) {
      return { file: shown, name, ok: false, message: `malformed scenario: ${error.message}` };
    }
    throw error;
  }
}
