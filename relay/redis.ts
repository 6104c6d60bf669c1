import { Redis } from '@hocuspocus/extension-redis';

/** Lets several relay instances serve the same tenants: updates fan out through Redis. */
export function redisExtension(redisUrl: string): Redis {
  const url = new URL(redisUrl);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error('REDIS_URL must start with redis:// or rediss://');
  }
  const db = Number(url.pathname.slice(1) || 0);
  const redis = new Redis({
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 6379),
    options: {
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db: Number.isInteger(db) ? db : 0,
      tls: url.protocol === 'rediss:' ? {} : undefined,
    },
  });
  logStateChanges(redis, `${url.hostname}:${url.port || 6379}`);
  return redis;
}

// ioredis retries forever and, without listeners, prints a stack trace per attempt.
function logStateChanges({ pub, sub }: Redis, where: string): void {
  let last = '';
  const log = (state: string) => {
    if (state === last) return;
    last = state;
    console.log(`relay: redis ${where}: ${state}`);
  };
  for (const client of [pub, sub]) {
    client.on('ready', () => log('connected'));
    client.on('error', (error: Error) => log(error.message));
  }
}
