// The baselines: the smallest node:http server, run in its own process like the hub. It
// answers every path with a tiny JSON body, except /file, which streams the file named
// on the command line (a bare static server to compare the hub's artifact route with).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const file = process.argv[2];
const body = JSON.stringify({ hello: 'world' });
const server = createServer((req, res) => {
  if (file && req.url === '/file') {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
    // 1 MiB reads: twice the throughput of the 64 KiB default here, so the hub is held to the stronger baseline.
    createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(res);
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
