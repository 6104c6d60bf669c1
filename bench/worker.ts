/** Starts a TypeScript module in a worker thread, through tsx as the main thread runs. */
import { Worker } from 'node:worker_threads';

export function tsWorker(url: URL): Worker {
  const source = `import('tsx/esm/api')
    .then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })
    .catch((error) => { console.error(error); process.exit(1); });`;
  return new Worker(source, { eval: true });
}

/** The worker's next message. */
export function nextMessage<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    const onMessage = (message: T) => {
      worker.off('error', onError);
      resolve(message);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}
