import { optionsFromEnv } from './config';
import { startRelay } from './server';
import type { Relay } from './server';

// `npm run relay`: configured from the environment (see README, "The relay").

let relay: Relay | undefined;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // Before startup completes there is nothing to store; a second signal means now.
    if (!relay || stopping) process.exit(1);
    stopping = true;
    relay.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`relay: error while stopping: ${String(error)}`);
        process.exit(1);
      },
    );
  });
}

try {
  const options = optionsFromEnv();
  relay = await startRelay(options);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  console.log(`relay listening on ws://${host}:${relay.port} (sqlite: ${options.dbPath})`);
} catch (error) {
  console.error(
    `relay: could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
