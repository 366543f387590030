import { connect } from 'node:net';

/** What a raw HTTP exchange produced: the status of the first response (or none), and how long it took. */
export interface RawAnswer {
  readonly status: number | undefined;
  readonly head: string;
  readonly ms: number;
}

/**
 * Sends `parts` to 127.0.0.1:`port` byte for byte (a pause of `gapMs` between parts), then waits until the
 * server answers with a status line and closes or finishes, or until `timeoutMs`; never sends anything else.
 */
export function rawRequest(
  port: number,
  parts: readonly (string | Buffer)[],
  o: { gapMs?: number; timeoutMs?: number; abortAfterSend?: boolean } = {},
): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(got)?.[1];
      resolve({
        status: status ? Number(status) : undefined,
        head: got.split('\r\n\r\n')[0] ?? '',
        ms: performance.now() - started,
      });
    };
    const timer = setTimeout(finish, o.timeoutMs ?? 5_000);
    socket.on('data', (d) => {
      got += d.toString('latin1');
      // One complete head is enough: the status is what a client sees.
      if (got.includes('\r\n\r\n')) setTimeout(finish, 20);
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', async () => {
      for (const [i, part] of parts.entries()) {
        if (i && o.gapMs) await new Promise((r) => setTimeout(r, o.gapMs));
        if (socket.destroyed) return;
        socket.write(part);
      }
      if (o.abortAfterSend) finish();
    });
  });
}
