// Serves the built app (build/) as a single-page app: any path that is not a
// file gets the fallback page written by adapter-static, so deep links work.
import { createServer } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sirv from 'sirv';

export const BUILD_DIR = fileURLToPath(new URL('../build', import.meta.url));

/**
 * Start serving `dir` on http://host:port.
 * @param {{ dir?: string, port?: number, host?: string }} [options]
 * @returns {Promise<import('node:http').Server>}
 */
export function serve({ dir = BUILD_DIR, port = 4173, host = '127.0.0.1' } = {}) {
  const assets = sirv(dir, {
    single: true, // unknown paths get index.html, the SPA fallback page
    etag: true,
    setHeaders(res, pathname) {
      // Hashed bundles never change; everything else must be revalidated.
      res.setHeader(
        'Cache-Control',
        pathname.startsWith('/_app/immutable/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  const server = createServer((req, res) => {
    assets(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** Port from the PORT environment variable, or the given default. */
export function portFromEnv(fallback = 4173) {
  const port = Number(process.env.PORT ?? fallback);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port number, got ${JSON.stringify(process.env.PORT)}`);
  }
  return port;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = portFromEnv();
  await serve({ port });
  console.log(`Seats is running at http://localhost:${port}`);
}
