import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Statements with more parameters (long IN lists, bulk inserts) vary too much to keep. */
const MAX_PARAMETERS = 16;
const MAX_NAMES = 2_000;
const PREPARABLE = /^(select|insert|update|delete|with)\b/i;

const names = new Map<string, string>();

/** A stable name per statement text (the same on every connection); none once the set is full. */
function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMES) {
    name = `assay_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Sends the hub's parameterised queries as named prepared statements: PostgreSQL parses
 * and plans each text once per connection instead of on every request (after a few runs
 * it may keep a generic plan). The hub's statements are a few dozen shapes; ones with many
 * parameters, and any past the first MAX_NAMES texts, stay unnamed, so each connection
 * holds a bounded set.
 */
export function prepareStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // Any other call form (a callback, a config object, pg-pool's own pool.query) passes through whole.
  const named = (...args: unknown[]): unknown => {
    const [config, values] = args;
    const preparable = args.length === 2 && typeof config === 'string' && Array.isArray(values) && values.length > 0 && values.length <= MAX_PARAMETERS && PREPARABLE.test(config);
    const name = preparable ? nameOf(config) : undefined;
    return name ? query({ name, text: config, values }) : query(...args);
  };
  client.query = named as typeof client.query;
}
