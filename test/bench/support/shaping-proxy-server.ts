// A home link on loopback, run in its own process so the client under test cannot starve it
// of CPU: `node shaping-proxy-server.ts <upstream-url> <mbit/s> <delay-ms> <cut-every> <cut-index>`.
// - Downstream (upstream → client) bytes of all connections share one token bucket at the
//   given rate, served round-robin in 16 KiB slices: one home link, not a rate per connection.
//   A client that stops reading is skipped until its socket drains (TCP flow control).
// - Every byte waits `delay-ms` in each direction (a delay line, so the rate holds).
// - Connection number k (counted from 0 in order of arrival) is cut half-way through its
//   response when k % cut-every === cut-index: the same connections for any client.
// Prints "listening on <url>" when ready and "cut <k> at <bytes>" for each cut.
import { connect, createServer, type Socket } from 'node:net';

const [target = '', mbit = '100', delay = '20', every = '200', index = '5'] = process.argv.slice(2);
const upstream = new URL(target);
const BYTES_PER_MS = (Number(mbit) * 1e6) / 8 / 1000;
const DELAY_MS = Number(delay);
const CUT_EVERY = Number(every);
const CUT_INDEX = Number(index);
const SLICE = 16 * 1024;
const TICK_MS = 2;
/** At most this much unsent downstream data per connection before the upstream read pauses. */
const HIGH_WATER = 1024 * 1024;
/**
 * Tokens saved up by a tick that comes late (this process is not scheduled for a while when
 * the cores are busy) are kept up to this much, so the link's average rate does not depend
 * on how busy the client under test keeps the CPU; an idle link saves no more than this.
 */
const MAX_BURST = BYTES_PER_MS * 100;

type Link = { client: Socket; up: Socket; queue: Buffer[]; queued: number; sent: number; cutAt: number; id: number; line: { due: number; data: Buffer }[] };

const links = new Set<Link>();
let connections = 0;
let tokens = 0;
let last = performance.now();
let turn = 0;

function onTick(): void {
  const now = performance.now();
  tokens = Math.min(MAX_BURST, tokens + (now - last) * BYTES_PER_MS);
  last = now;
  // Round-robin over links with data and a client ready to take it.
  const ready = () => [...links].filter((l) => l.queued > 0 && l.client.writableLength < HIGH_WATER && !l.client.destroyed);
  for (let list = ready(); tokens >= 1 && list.length > 0; list = ready()) {
    const link = list[turn++ % list.length] as Link;
    const head = link.queue[0] as Buffer;
    const n = Math.min(head.length, SLICE, Math.floor(tokens));
    const piece = head.subarray(0, n);
    if (n === head.length) link.queue.shift();
    else link.queue[0] = head.subarray(n);
    link.queued -= n;
    tokens -= n;
    link.line.push({ due: now + DELAY_MS, data: piece });
    if (link.queued < HIGH_WATER / 2) link.up.resume();
  }
  for (const link of links) {
    while (link.line.length > 0 && (link.line[0] as { due: number }).due <= now) {
      const { data } = link.line.shift() as { data: Buffer };
      deliver(link, data);
    }
    if (link.up.readableEnded && link.queued === 0 && link.line.length === 0 && !link.client.writableEnded) {
      link.client.end();
      links.delete(link);
    }
  }
}

function deliver(link: Link, data: Buffer): void {
  if (link.client.destroyed) return;
  if (link.sent + data.length >= link.cutAt) {
    console.log(`cut ${link.id} at ${link.cutAt}`);
    link.client.write(data.subarray(0, link.cutAt - link.sent));
    link.client.destroy();
    link.up.destroy();
    links.delete(link);
    return;
  }
  link.sent += data.length;
  link.client.write(data);
}

/** Half of the response's Content-Length (from the first bytes), or 1 MiB if it has none. */
function halfOfResponse(first: Buffer): number {
  const m = /\r\ncontent-length:\s*(\d+)/i.exec(first.subarray(0, 8192).toString('latin1'));
  return m ? Math.floor(Number(m[1]) / 2) : 1024 * 1024;
}

const server = createServer((client) => {
  const id = connections++;
  const cut = id % CUT_EVERY === CUT_INDEX;
  const up = connect(Number(upstream.port), upstream.hostname);
  const link: Link = { client, up, queue: [], queued: 0, sent: 0, cutAt: Infinity, id, line: [] };
  links.add(link);
  client.on('data', (chunk: Buffer) => setTimeout(() => !up.destroyed && up.write(chunk), DELAY_MS));
  up.on('data', (chunk: Buffer) => {
    if (cut && link.cutAt === Infinity) link.cutAt = halfOfResponse(chunk);
    link.queue.push(chunk);
    link.queued += chunk.length;
    if (link.queued > HIGH_WATER) up.pause();
  });
  client.on('end', () => setTimeout(() => up.end(), DELAY_MS));
  const drop = () => {
    links.delete(link);
    client.destroy();
    up.destroy();
  };
  client.on('error', drop);
  up.on('error', drop);
  client.on('close', drop);
});

setInterval(onTick, TICK_MS);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('shaping proxy has no port');
  console.log(`listening on http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => process.exit(0));
