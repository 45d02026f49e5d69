// One worker of decryptCeiling: decrypts its span of the file each time the parent says go.
import { parentPort, workerData } from 'node:worker_threads';
import { decryptSpan } from './decrypt-ceiling.ts';

const { file, key, from, to } = workerData as { file: Uint8Array; key: Uint8Array; from: number; to: number };
const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
const secret = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
const port = parentPort;
if (!port) throw new Error('decrypt-ceiling-worker runs only as a worker thread');
port.on('message', () => port.postMessage(decryptSpan(bytes, secret, from, to)));
port.postMessage('ready');
