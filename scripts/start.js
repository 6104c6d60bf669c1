// `npm start`: build the app if the build is missing or older than its sources,
// then serve it on http://localhost:4173 (PORT overrides).
import { ensureBuilt } from './build.js';
import { portFromEnv, serve } from './serve.js';

const port = portFromEnv();
ensureBuilt();
await serve({ port });
console.log(`Seats is running at http://localhost:${port}`);
