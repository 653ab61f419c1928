import { createServer, type Server } from 'node:net';
import { UserFacingError } from '../common/errors';

/** A port in use: the error names a free one the editor can offer instead. */
export class PortInUseError extends UserFacingError {
  constructor(readonly host: string, readonly port: number, readonly freePort: number | undefined) {
    super(
      `Port ${port} on ${host} is already in use.`,
      'port-in-use',
      freePort ? `Port ${freePort} is free: use it, or stop what holds ${port}.` : `Choose another port, or stop what holds ${port}.`,
    );
  }
}

/** Asks the OS for a free port on `host`. */
export function findFreePort(host: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(undefined));
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** `server.listen` as a promise, with errors people can act on. */
export function listenOrExplain(server: Server | import('node:http').Server, host: string, port: number, freePort: () => Promise<number | undefined>): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') {
        void freePort().then((free) => reject(new PortInUseError(host, port, free)));
      } else if (err.code === 'EACCES') {
        reject(new UserFacingError(`Not allowed to listen on ${host}:${port}.`, 'port-denied', 'Ports below 1024 need privileges: choose a port above 1024, or 0 for any free port.', { cause: err }));
      } else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') {
        reject(new UserFacingError(`${host} is not an address of this machine.`, 'bad-host', 'Use 127.0.0.1 (the default).', { cause: err }));
      } else {
        reject(err);
      }
    };
    const onListening = (): void => { server.off('error', onError); resolve(); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
