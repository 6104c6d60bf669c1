import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureBuilt } from '../../scripts/build.js';
import type { Row } from '../table';

const root = new URL('../..', import.meta.url).pathname;
const client = join(root, '.svelte-kit/output/client');
const generatedNodes = join(root, '.svelte-kit/generated/client-optimized/nodes');

interface Chunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}

/** The manifest key of the route node whose component is `source` (e.g. src/routes/+layout.svelte). */
function nodeKey(source: string): string {
  for (const name of readdirSync(generatedNodes)) {
    if (readFileSync(join(generatedNodes, name), 'utf8').includes(`/${source}"`)) {
      return `.svelte-kit/generated/client-optimized/nodes/${name}`;
    }
  }
  throw new Error(`no route node for ${source}`);
}

/** Gzipped bytes of the chunks `keys` load before anything runs: their static imports, transitively. */
function gzippedClosure(manifest: Record<string, Chunk>, keys: string[]): number {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  let bytes = 0;
  for (const key of seen) {
    bytes += gzipSync(readFileSync(join(client, manifest[key].file))).length;
  }
  return bytes;
}

/**
 * The JavaScript a browser fetches before the first screen works (ARCHITECTURE.md:
 * under 150 KB gzipped), from the production build's manifest: SvelteKit's
 * entries plus the route nodes of the screen, with everything they import
 * statically. Lazy chunks (the catalogue, the relay client, other pages) are
 * not counted. Baseline: SvelteKit's own entries alone (its client runtime and
 * the route table), what any SvelteKit app ships.
 */
export function measureInitialJs(): Row[] {
  ensureBuilt();
  const manifest = JSON.parse(readFileSync(join(client, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    Chunk
  >;
  const entries = Object.keys(manifest).filter(
    (key) => manifest[key].isEntry && !key.includes('/nodes/'),
  );
  const baseline = gzippedClosure(manifest, entries);
  const screen = (routes: string[]) =>
    gzippedClosure(manifest, [...entries, ...routes.map((route) => nodeKey(route))]);
  const common = {
    baseline,
    baselineIs: 'SvelteKit’s entries alone (initial JavaScript)',
    unit: 'B' as const,
    target: 150 * 1024,
    targetLabel: '< 150 KB gzipped',
  };
  return [
    {
      measure: 'initial JavaScript, first screen (gzipped)',
      seats: screen(['src/routes/+layout.svelte', 'src/routes/welcome/+page.svelte']),
      ...common,
    },
    {
      measure: 'initial JavaScript, Home of a tenant (gzipped)',
      seats: screen([
        'src/routes/+layout.svelte',
        'src/routes/(admin)/+layout.svelte',
        'src/routes/(admin)/+page.svelte',
      ]),
      ...common,
    },
  ];
}
