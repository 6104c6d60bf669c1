import type { IncomingMessage } from 'node:http';
import { TokenBucket } from './token-bucket';

export interface RateLimit {
  perSecond: number;
  burst: number;
}

/** The part of ws's WebSocket used here (@types/ws is not installed). */
interface MessageSocket {
  emit(event: string | symbol, ...args: unknown[]): boolean;
  close(code: number, reason: string): void;
}

interface MessageSocketServer {
  on(
    event: 'connection',
    listener: (socket: MessageSocket, request: IncomingMessage) => void,
  ): void;
}

const TOO_MANY_MESSAGES = 4429;

/**
 * Each connection may send `limit.burst` messages at once and `limit.perSecond` a second
 * after that. One that sends more is closed, and nothing it sends from then on is handled.
 *
 * Closed rather than having the excess dropped: Yjs updates build on each other, so after a
 * dropped update the relay would refuse the client's next ones as referring to history it
 * lacks, while the client believed them sent. Closed, an honest provider reconnects with a
 * fresh allowance and resyncs, sending whatever the relay lacks in one message.
 */
export function limitMessageRate(webSocketServer: unknown, limit: RateLimit): void {
  (webSocketServer as MessageSocketServer).on('connection', (socket, request) => {
    const bucket = new TokenBucket(limit.perSecond, limit.burst);
    // Hocuspocus emits the messages it queued during authentication a second time.
    const counted = new WeakSet<object>();
    let refused = false;
    const emit = socket.emit.bind(socket);
    // ws hands each message to every 'message' listener in turn, Hocuspocus's first, so no
    // listener could keep a message from it: the socket refuses to emit it instead.
    socket.emit = (event, ...args) => {
      if (event !== 'message') return emit(event, ...args);
      if (refused) return false;
      const message = args[0] as object;
      const seen = counted.has(message);
      counted.add(message);
      if (seen || bucket.take()) return emit(event, ...args);
      refused = true;
      console.log(
        `relay: closed a connection from ${request.socket.remoteAddress ?? 'unknown address'}: ` +
          `over ${limit.perSecond} messages a second (burst ${limit.burst})`,
      );
      socket.close(TOO_MANY_MESSAGES, 'too many messages');
      return false;
    };
  });
}
