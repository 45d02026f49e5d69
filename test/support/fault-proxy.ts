// A fault-injecting TCP proxy for HTTP/1.1 on loopback. Each request is forced onto its own
// connection (Connection: close) so that a seeded PRNG can pick one fate per request:
// pass, drop before forwarding, delay, cut the response after the hub committed, or send
// the request upstream twice. The same seed gives the same sequence of fates.
import { connect, createServer, type Socket } from 'node:net';
import { seededRandom } from '../../shared/index.ts';

export type FaultMode = 'pass' | 'drop' | 'delay' | 'cut' | 'duplicate';
export type FaultRates = Partial<Record<Exclude<FaultMode, 'pass'>, number>>;

export type FaultProxy = {
  url: string;
  stats: Record<FaultMode, number>;
  /** Changes the fault rates from the next request on (e.g. { drop: 1 } is "the network is gone"). */
  setRates(rates: FaultRates): void;
  close(): Promise<void>;
};


const HEADER_END = Buffer.from('\r\n\r\n');

/** Splits off one complete request (headers + Content-Length body), or null if more bytes are needed. */
function takeRequest(buf: Buffer): { request: Buffer; rest: Buffer } | null {
  const end = buf.indexOf(HEADER_END);
  if (end < 0) return null;
  const head = buf.subarray(0, end).toString('latin1');
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const total = end + 4 + (m ? Number(m[1]) : 0);
  if (buf.length < total) return null;
  const lines = head.split('\r\n').filter((l) => !/^connection:/i.test(l));
  lines.push('Connection: close');
  const request = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), buf.subarray(end + 4, total)]);
  return { request, rest: buf.subarray(total) };
}

function pickMode(random: () => number, rates: FaultRates): FaultMode {
  let r = random();
  for (const mode of ['drop', 'delay', 'cut', 'duplicate'] as const) {
    const p = rates[mode] ?? 0;
    if (r < p) return mode;
    r -= p;
  }
  return 'pass';
}

export async function startFaultProxy(target: string, opts: { seed: number; rates: FaultRates; maxDelayMs?: number }): Promise<FaultProxy> {
  const upstream = new URL(target);
  const random = seededRandom(opts.seed);
  let rates = opts.rates;
  const maxDelay = opts.maxDelayMs ?? 300;
  const stats: Record<FaultMode, number> = { pass: 0, drop: 0, delay: 0, cut: 0, duplicate: 0 };
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    return s;
  };
  const open = () => track(connect(Number(upstream.port), upstream.hostname));

  const forward = (client: Socket, request: Buffer, cutAfterFirstBytes: boolean) => {
    const up = open();
    up.write(request);
    up.on('data', (chunk: Buffer) => {
      if (cutAfterFirstBytes) {
        // The hub has finished handling the request (it is answering): lose the answer.
        client.destroy();
        up.destroy();
        return;
      }
      client.write(chunk);
    });
    up.on('end', () => client.end());
    up.on('close', () => client.destroy());
    client.on('close', () => up.destroy());
  };

  const fate = (client: Socket, request: Buffer) => {
    const mode = pickMode(random, rates);
    stats[mode] += 1;
    switch (mode) {
      case 'drop':
        client.destroy();
        return;
      case 'delay':
        setTimeout(() => !client.destroyed && forward(client, request, false), Math.floor(random() * maxDelay));
        return;
      case 'cut':
        forward(client, request, true);
        return;
      case 'duplicate': {
        // The copy goes first on its own connection; its answer is thrown away.
        const copy = open();
        copy.on('data', () => undefined);
        copy.write(request);
        forward(client, request, false);
        return;
      }
      default:
        forward(client, request, false);
    }
  };

  const server = createServer((client) => {
    track(client);
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const taken = takeRequest(buf);
      if (!taken) return;
      // One request per connection: anything after it is ignored (the client was told to close).
      client.off('data', onData);
      fate(client, taken.request);
    };
    client.on('data', onData);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    stats,
    setRates: (next) => {
      rates = next;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
