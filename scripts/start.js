// `npm start`: build the app if the build is missing or older than its sources,
// then serve it on http://localhost:4173 (PORT overrides).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_DIR, portFromEnv, serve } from './serve.js';

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

const port = portFromEnv();

if (buildIsStale()) {
  console.log('Building Seats (vite build)...');
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await serve({ port });
console.log(`Seats is running at http://localhost:${port}`);
