// Starts the relay as it runs in production: its own process (node + tsx), its own SQLite file.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface RelayProcess {
  url: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

export interface RelayProcessOptions {
  db: string;
  tokens: Record<string, string>;
  maxMessageBytes?: number;
  env?: Record<string, string>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

export async function startRelayProcess(options: RelayProcessOptions): Promise<RelayProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      RELAY_PORT: String(port),
      RELAY_HOST: '127.0.0.1',
      RELAY_DB: options.db,
      RELAY_TOKENS: JSON.stringify(options.tokens),
      ...(options.maxMessageBytes
        ? { RELAY_MAX_MESSAGE_BYTES: String(options.maxMessageBytes) }
        : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`relay did not start: ${why}; output:\n${output.join('\n')}`));
    };
    const timer = setTimeout(() => fail('no startup line within 10 s'), 10_000);
    const onLine = (line: string) => {
      output.push(line);
      const match = /^relay listening on (ws:\/\/\S+) \(sqlite: (.+)\)$/.exec(line);
      if (!match || settled) return;
      settled = true;
      clearTimeout(timer);
      if (match[2] === options.db) resolve(match[1]);
      else reject(new Error(`relay uses ${match[2]}, not ${options.db}`));
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', onLine);
    }
    void exited.then((code) => fail(`exited with ${code}`));
  });
  return { url, child, output, exited };
}

export async function stopRelayProcess({ child, exited }: RelayProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
