// Runs one download in its own process so a test can SIGKILL it mid-file:
// node download-child.ts '<json {cacheDir, keyHex, hubUrl, token, need}>'
import { createDownloader } from '../../../../electron/core/downloads/downloader.ts';

const args = JSON.parse(process.argv[2] ?? '{}');
const downloader = createDownloader({
  cacheDir: args.cacheDir,
  key: Buffer.from(args.keyHex, 'hex'),
  concurrency: 1,
  auth: () => ({ hubUrl: args.hubUrl, token: args.token }),
  onProgress: () => {},
  onVerified: (id) => console.log(`verified ${id}`),
  onFailed: (id, code, message) => console.log(`failed ${id} ${code} ${message}`),
});
downloader.enqueue([args.need]);
await downloader.idle();
