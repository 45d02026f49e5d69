// Arbitraries for fuzzing boundaries: hostile strings and numbers, deep nesting, and
// mutations of a valid JSON value (replace, drop, add or duplicate a field). Shared by the
// hub route, Workstation API and web transport fuzz tests.
import fc from 'fast-check';

/** JSON text inserted as is: numbers JSON.stringify cannot write (1e309), deep nesting. */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** An object written with its entries as listed, so a key may appear twice. */
export class DupKeys {
  readonly entries: [string, unknown][];
  constructor(entries: [string, unknown][]) {
    this.entries = entries;
  }
}

/** Writes a value that may contain RawJson and DupKeys as JSON text. */
export function jsonText(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (v instanceof DupKeys) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (v !== null && typeof v === 'object') return jsonText(new DupKeys(Object.entries(v)));
  return JSON.stringify(v) ?? 'null';
}

/** What JSON.parse makes of jsonText(v): the value a receiver actually sees. */
export const asParsed = (v: unknown): unknown => JSON.parse(jsonText(v));

const EDGE_STRINGS = [
  '', ' ', '\u0000', 'demo\u0000', '\uD800', '\uDC00x', 'a\uDBFF', '\u202Eevil.pdf', '\u200F\u200E', '\u061C',
  '👩‍👩‍👧‍👦', '🎬', 'e\u0301', '\u00e9', 'ﬁ', '\uFEFF', '\u2028\u2029', '\r\n', '\t', '../../etc/passwd', '..', '%00',
  '__proto__', 'constructor', 'prototype', 'NaN', 'Infinity', '-Infinity', '-0', '1e309', '0x10', ' 5 ', 'null', 'true',
  '<script>alert(1)</script>', "'; DROP TABLE users; --", 'C:\\Windows', '\\\\server\\share',
];
/** Lengths just past the limits the schemas set (ids 128, names 100/200/255, texts 2000 … 100 000, body 1 MiB). */
const LONG_LENGTHS = [101, 129, 201, 256, 1001, 2001, 10_001, 20_001, 50_001, 100_001, 1_100_000];

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG_LENGTHS).map((n) => 'x'.repeat(n)) },
);

const EDGE_NUMBERS = [
  0, -0, -1, 1, 0.5, 2, 3, 5, 6, 7, 8, 100, 127, 128, 999, 1000, 1001, 1_000_000, 1_000_001, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2,
  Number.MAX_VALUE, Number.MIN_VALUE, -Number.MAX_VALUE, Number.EPSILON,
];
export const hostileNumber = fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
/** Numbers only JSON text can carry: past double range, below it, too many digits. */
export const rawNumber = fc.constantFrom('1e309', '-1e309', '1e-400', '-0', '0.0000000000000000000001', '123456789012345678901234567890', '1E2', '1.0').map((t) => new RawJson(t));

export const deepNesting = fc
  .constantFrom(64, 2_000, 100_000)
  .chain((n) => fc.constantFrom(new RawJson('['.repeat(n) + ']'.repeat(n)), new RawJson('{"a":'.repeat(n) + '1' + '}'.repeat(n))));

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  rawNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  deepNesting,
  fc.array(hostileString, { maxLength: 4 }),
  fc.dictionary(hostileString, fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null)), { maxKeys: 3 }),
);

type Path = (string | number)[];

/** Every path to a node inside v (the root excluded). */
export function pathsOf(v: unknown, at: Path = []): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...at, i], ...pathsOf(x, [...at, i])]);
  if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [[...at, k], ...pathsOf(x, [...at, k])]);
  return [];
}

const clone = <T>(v: T): T => structuredClone(v);

function parentOf(root: unknown, path: Path): [Record<string | number, unknown>, string | number] {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return [node, path[path.length - 1] as string | number];
}

export type JsonMutation =
  | { kind: 'replace'; path: Path; value: unknown }
  | { kind: 'drop'; path: Path }
  | { kind: 'add'; path: Path; key: string; value: unknown }
  | { kind: 'duplicate'; path: Path; value: unknown }
  | { kind: 'whole'; value: unknown };

/** A mutation of `valid`: a field replaced by a hostile value, dropped, added, given twice, or the whole value replaced. */
export function jsonMutation(valid: unknown): fc.Arbitrary<JsonMutation> {
  const paths = pathsOf(valid);
  const at = (p: Path) => p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], valid);
  const objectPaths = [[], ...paths].filter((p) => { const node = at(p); return node !== null && typeof node === 'object' && !Array.isArray(node); });
  const keyed = paths.filter((p) => typeof p[p.length - 1] === 'string');
  const options: fc.Arbitrary<JsonMutation>[] = [fc.record({ kind: fc.constant('whole' as const), value: hostileValue })];
  if (paths.length > 0) {
    options.push(fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...paths), value: hostileValue }));
    options.push(fc.record({ kind: fc.constant('drop' as const), path: fc.constantFrom(...paths) }));
  }
  if (keyed.length > 0) options.push(fc.record({ kind: fc.constant('duplicate' as const), path: fc.constantFrom(...keyed), value: hostileValue }));
  if (objectPaths.length > 0) options.push(fc.record({ kind: fc.constant('add' as const), path: fc.constantFrom(...objectPaths), key: hostileString, value: hostileValue }));
  return fc.oneof(...options);
}

/** Applies a mutation; the result may hold RawJson and DupKeys (write it with jsonText). */
export function applyMutation(valid: unknown, m: JsonMutation): unknown {
  if (m.kind === 'whole') return m.value;
  const root = clone(valid);
  if (m.kind === 'add') {
    const node = m.path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], root) as Record<string, unknown>;
    Object.defineProperty(node, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
    return root;
  }
  const [parent, key] = parentOf(root, m.path);
  if (m.kind === 'replace') parent[key] = m.value;
  else if (m.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    // The duplicate comes last: JSON.parse keeps the last value, so the hostile one is what counts.
    const entries = Object.entries(parent).map(([k, v]) => [k, v] as [string, unknown]);
    entries.push([String(key), m.value]);
    if (m.path.length === 1) return new DupKeys(entries);
    const [grand, gkey] = parentOf(root, m.path.slice(0, -1));
    grand[gkey] = new DupKeys(entries);
  }
  return root;
}

/** Percent-encodes the UTF-8 bytes of s (lone surrogates become U+FFFD, as a browser would send them). */
export const percentEncode = (s: string): string =>
  [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Path segments and query strings no encoder would produce: bad escapes, overlong UTF-8, encoded surrogates. */
export const rawPathJunk = fc.constantFrom('%', '%zz', '%C0%80', '%ED%A0%80', '%FF', '..', '.', '%2e%2e', 'a%2Fb', '%00', 'a%20b', '%E2%80%AE', '~', '-', '_');

/** Header values node's client will send: Latin-1 printable text. */
export const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 60 });

/** Content types a client might send instead of the right one. */
export const contentType = fc.oneof(
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/pdf', 'video/webm', 'image/png', '', '*/*', 'application/json;;', 'APPLICATION/JSON'),
  headerText,
);
