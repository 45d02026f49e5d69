// Starts the baseline server (hello-world, optionally serving one file at /file) as a child
// process and resolves with its URL.
import { join } from 'node:path';
import { startChildServer, type ChildServer } from './child-server.ts';

export function startHello(file?: string): Promise<ChildServer> {
  return startChildServer(join(import.meta.dirname, 'hello-server.ts'), file ? [file] : []);
}
