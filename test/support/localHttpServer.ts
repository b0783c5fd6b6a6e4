import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LocalHttpServerOptions {
  /** Refuse new connections and requests by closing them (an endpoint that went away). */
  readonly isDown?: () => boolean;
}

/**
 * An HTTP server on 127.0.0.1 for the local AWS stand-ins: a handler error becomes a 500, and stop()
 * closes kept-alive connections too, so a test run never waits on a client's idle socket.
 */
export class LocalHttpServer {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, options: LocalHttpServerOptions) {
    const isDown = options.isDown ?? (() => false);
    this.server = createServer((req, res) => {
      if (isDown()) {
        req.socket.destroy();
        return;
      }
      handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      if (isDown()) socket.destroy();
    });
  }

  static async listen(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, options: LocalHttpServerOptions = {}): Promise<LocalHttpServer> {
    const local = new LocalHttpServer(handle, options);
    await new Promise<void>((resolve) => local.server.listen(0, '127.0.0.1', resolve));
    return local;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
