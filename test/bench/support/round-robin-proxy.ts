// A tiny TCP round-robin proxy on loopback, run as its own process (start it with
// startChildServer): each incoming connection goes to the next backend in turn, and bytes
// are piped both ways untouched. `node round-robin-proxy.ts <backend-url>...`; prints
// "listening on <url>". Connection-level balancing is what an L4 load balancer does, and
// keeps the proxy's own cost small and measurable.
import { connect, createServer, type Socket } from 'node:net';

const backends = process.argv.slice(2).map((u) => new URL(u));
if (backends.length === 0) {
  console.error('usage: node round-robin-proxy.ts <backend-url>...');
  process.exit(2);
}
let next = 0;
const open = new Set<Socket>();
const server = createServer((client) => {
  const target = backends[next++ % backends.length] as URL;
  const upstream = connect({ host: target.hostname, port: Number(target.port) });
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  open.add(client).add(upstream);
  const close = () => {
    client.destroy();
    upstream.destroy();
    open.delete(client);
    open.delete(upstream);
  };
  client.on('error', close).on('close', close);
  upstream.on('error', close).on('close', close);
  client.pipe(upstream);
  upstream.pipe(client);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`listening on http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => {
  for (const s of open) s.destroy();
  server.close(() => process.exit(0));
});
