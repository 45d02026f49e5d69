// `npm run web -- [--demo] [--port p] [--data dir]`
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const WEB_USAGE = 'usage: npm run web -- [--demo] [--port <0..65535>] [--data <dir>]';

export type WebArgs = { demo: boolean; port: number; dataDir: string };

/** Throws an Error whose message includes the usage line when the arguments are wrong. */
export function parseWebArgs(argv: string[]): WebArgs {
  const { values } = parseArgs({
    args: argv,
    options: { demo: { type: 'boolean', default: false }, port: { type: 'string', default: '0' }, data: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port must be a whole number 0..65535\n${WEB_USAGE}`);
  // Demo data never mixes with a real profile.
  const dataDir = values.data ?? join(homedir(), values.demo ? '.assay-web-demo' : '.assay-web');
  return { demo: values.demo, port, dataDir };
}
