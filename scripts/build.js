// Builds the app when the build is missing or older than its sources (npm start, npm run bench).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_DIR } from './serve.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtPage = join(BUILD_DIR, 'index.html');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

/**
 * Newest modification time (ms) of a file, or of any file below a folder.
 * @param {string} path
 * @returns {number}
 */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function buildIsStale() {
  if (!existsSync(builtPage)) return true;
  const builtAt = statSync(builtPage).mtimeMs;
  return sources.some((source) => newestMtime(join(root, source)) > builtAt);
}

/** Runs `vite build` if the build is stale; exits the process when the build fails. */
export function ensureBuilt() {
  if (!buildIsStale()) return;
  console.log('Building Seats (vite build)...');
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
