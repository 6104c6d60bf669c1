import type { IncomingMessage } from 'node:http';

interface Socket {
  removeAllListeners(event: 'error'): void;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): void;
  terminate(): void;
}

interface SocketServer {
  clients: Set<Socket>;
  on(event: 'connection', listener: (socket: Socket, request: IncomingMessage) => void): void;
}

/**
 * Hocuspocus logs socket errors with a stack trace; an oversized message (refused by ws's
 * maxPayload, which then closes the socket with 1009) deserves one line.
 * `webSocketServer` is ws's WebSocketServer, untyped here because @types/ws is not installed.
 */
export function logSocketErrorsBriefly(webSocketServer: unknown, maxMessageBytes: number): void {
  const server = webSocketServer as SocketServer;
  server.on('connection', (socket, request) => {
    // Hocuspocus attached its listener in its own 'connection' handler, which ran first.
    socket.removeAllListeners('error');
    socket.on('error', (error) => {
      const from = request.socket.remoteAddress ?? 'unknown address';
      const what =
        error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
          ? `refused a message over ${maxMessageBytes} bytes`
          : `socket error ${error.code ?? error.message}`;
      console.log(`relay: ${what} from ${from}; connection closed`);
    });
  });
}

/** ws 8 leaves open sockets alone when its server closes. */
export function dropAllSockets(webSocketServer: unknown): void {
  for (const socket of (webSocketServer as SocketServer).clients) socket.terminate();
}
