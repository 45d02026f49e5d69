// `npm run hub -- --port <p> --data <dir> [--db postgres://…] [--demo [--demo-history full|brief|none]] [--seed <manifest.json>] [--exit-with-stdin]`
// `npm run hub -- verify --data <dir> [--db postgres://…] --public-key <file>` checks a copy offline.
import { parseArgs } from 'node:util';
import { createHub, DEFAULT_MAX_ARTIFACT_BYTES } from './app.ts';
import { HubError } from './http/errors.ts';

const USAGE = 'usage: node server/main.ts --data <dir> [--db postgres://user[:password]@host[:port]/database] [--port <n>] [--host <addr>] [--demo] [--demo-history full|brief|none] [--seed <manifest.json>] [--max-artifact-bytes <n>] [--issuer-id <uri>] [--issuer-name <name>] [--issuer-url <url>] [--public-url <url>] [--exit-with-stdin]';
/** The database URL when --db is not given; without either, SQLite in --data. */
const DATABASE_URL_ENV = 'ASSAY_HUB_DATABASE_URL';
/** --demo-history when it is not given (the test suites set it); "full" without either. */
const DEMO_HISTORY_ENV = 'ASSAY_DEMO_HISTORY';
const DEMO_HISTORIES = ['full', 'brief', 'none'] as const;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        db: { type: 'string' },
        demo: { type: 'boolean', default: false },
        'demo-history': { type: 'string' },
        seed: { type: 'string' },
        'max-artifact-bytes': { type: 'string', default: String(DEFAULT_MAX_ARTIFACT_BYTES) },
        'issuer-id': { type: 'string' },
        'issuer-name': { type: 'string' },
        'issuer-url': { type: 'string' },
        'public-url': { type: 'string' },
        'exit-with-stdin': { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (!values.data) fail(`--data is required (the artifact folder, and the SQLite database without --db)\n${USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535\n${USAGE}`);
  const maxArtifactBytes = Number(values['max-artifact-bytes']);
  if (!Number.isSafeInteger(maxArtifactBytes) || maxArtifactBytes < 1) fail(`--max-artifact-bytes must be a positive whole number\n${USAGE}`);
  for (const key of ['issuer-id', 'issuer-url', 'public-url'] as const) {
    const value = values[key];
    if (value !== undefined && !URL.canParse(value)) fail(`--${key} must be an absolute URI\n${USAGE}`);
  }
  if (values['issuer-name']?.trim() === '') fail(`--issuer-name must not be empty\n${USAGE}`);
  const issuer = { id: values['issuer-id'], name: values['issuer-name'], url: values['issuer-url'] };
  const databaseUrl = values.db ?? (process.env[DATABASE_URL_ENV] || undefined);
  const demoHistory = DEMO_HISTORIES.find((h) => h === (values['demo-history'] ?? (process.env[DEMO_HISTORY_ENV] || 'full')));
  if (!demoHistory) fail(`--demo-history (or ${DEMO_HISTORY_ENV}) must be full, brief or none\n${USAGE}`);
  return { dataDir: values.data, databaseUrl, port, host: values.host, demo: values.demo, demoHistory, seed: values.seed, maxArtifactBytes,
    issuer: Object.fromEntries(Object.entries(issuer).filter(([, v]) => v !== undefined)), publicUrl: values['public-url'], exitWithStdin: values['exit-with-stdin'] };
}

if (process.argv[2] === 'verify') {
  const { runOfflineVerify } = await import('./audit/offline-verify.ts');
  process.exit(await runOfflineVerify(process.argv.slice(3)));
}

try {
  const { exitWithStdin, ...hubOptions } = options();
  const hub = await createHub({ ...hubOptions, onSeeding: () => console.log('Assay hub: seeding an empty database (the demo\'s year of past work takes a minute or so, once)') });
  console.log(`Assay hub listening on ${hub.url}`);
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void hub.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  if (exitWithStdin) {
    // A parent that starts the hub keeps a pipe to its stdin open; the pipe closes when that
    // parent exits in any way, SIGKILL and crashes included, so the hub never outlives it.
    process.stdin.on('end', shutdown).on('close', shutdown).on('error', shutdown).resume();
  }
} catch (err) {
  const detail = err instanceof HubError && err.details !== undefined ? ` ${JSON.stringify(err.details)}` : '';
  const message = `${(err as Error).message}${detail}`.replaceAll(/\s*\n\s*/g, ' ');
  fail(`Assay hub could not start: ${message}`, 1);
}
