// A bare WebSocket to the relay, with no Hocuspocus provider to keep it to the protocol.
import { WebSocketPolyfill } from '../relay/relayClients';

interface Socket {
  send(data: Uint8Array): void;
  close(): void;
  once(event: 'open', listener: () => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  once(event: 'close', listener: (code: number) => void): void;
  on(event: 'message', listener: (data: Uint8Array) => void): void;
}

const WebSocket = WebSocketPolyfill as new (url: string) => Socket;

export interface RawClient {
  send(message: Uint8Array): void;
  /** Every message the relay sent, in order. */
  received: Uint8Array[];
  /** Resolves with the close code. */
  closed: Promise<number>;
  close(): void;
}

export async function rawClient(url: string): Promise<RawClient> {
  const socket = new WebSocket(url);
  const received: Uint8Array[] = [];
  socket.on('message', (data) => received.push(data));
  const closed = new Promise<number>((resolve) => socket.once('close', resolve));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    send: (message) => socket.send(message),
    received,
    closed,
    close: () => socket.close(),
  };
}
