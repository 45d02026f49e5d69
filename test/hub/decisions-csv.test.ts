import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { decisionCsvHeader, writeDecisionsCsv, type DecisionCsvRow } from '../../server/exports/decisions-csv.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CRITERIA = ['c-plan', 'c-engage', 'c-assess'];
/** Live memory growth allowed while streaming 100,000 rows (about 15 MB of CSV). */
const MEMORY_BOUND = 8 * 1024 * 1024;

function row(overrides: Partial<DecisionCsvRow> = {}): DecisionCsvRow {
  return {
    submissionId: 'sub_1',
    candidateRef: 'cand-1',
    microCredentialId: 'mc-questioning',
    attempt: 1,
    decision: 'earned',
    basis: 'single_read',
    decidedAt: '2025-03-04T10:20:30.000Z',
    assessorIds: ['u_ana', 'u_ben'],
    rubricId: 'rub-teach',
    rubricVersion: 2,
    levels: { 'c-plan': 4, 'c-engage': 3, 'c-assess': 5 },
    ...overrides,
  };
}

/** Collects the whole output (small exports only). */
async function csvOf(rows: DecisionCsvRow[], criteria = CRITERIA): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeDecisionsCsv(rows, criteria, sink);
  return Buffer.concat(chunks);
}

const parseCsv = (bytes: Buffer): string[][] => parse(bytes, { encoding: 'utf8', relax_column_count: false }) as string[][];

describe('decisions CSV', () => {
  it('round-trips through a CSV parser, header first, CRLF, UTF-8', async () => {
    const rows = [
      row(),
      row({ submissionId: 'sub_2', candidateRef: 'Zoë "Z" Ångström, 漢字 🎓', basis: 'line one\r\nline two\nthree', assessorIds: [], levels: { 'c-plan': 2 } }),
      row({ submissionId: 'sub_3', decision: 'not_yet', basis: 'a,b;c\td', rubricVersion: 11, levels: {} }),
    ];
    const bytes = await csvOf(rows);
    const text = bytes.toString('utf8');
    expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);
    expect(text.startsWith('submissionId,candidateRef,microCredentialId,attempt,decision,basis,decidedAt,assessorIds,rubricId,rubricVersion,level:c-plan,level:c-engage,level:c-assess\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace('line one\r\nline two\nthree', '').replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const [header, ...records] = parseCsv(bytes);
    expect(header).toEqual(decisionCsvHeader(CRITERIA));
    expect(records).toEqual([
      ['sub_1', 'cand-1', 'mc-questioning', '1', 'earned', 'single_read', '2025-03-04T10:20:30.000Z', 'u_ana u_ben', 'rub-teach', '2', '4', '3', '5'],
      ['sub_2', 'Zoë "Z" Ångström, 漢字 🎓', 'mc-questioning', '1', 'earned', 'line one\r\nline two\nthree', '2025-03-04T10:20:30.000Z', '', 'rub-teach', '2', '2', '', ''],
      ['sub_3', 'cand-1', 'mc-questioning', '1', 'not_yet', 'a,b;c\td', '2025-03-04T10:20:30.000Z', 'u_ana u_ben', 'rub-teach', '11', '', '', ''],
    ]);
  });

  it('writes only the header for no decisions', async () => {
    expect((await csvOf([], ['c-x'])).toString('utf8')).toBe(`${decisionCsvHeader(['c-x']).join(',')}\r\n`);
  });

  it('neutralises every cell that a spreadsheet would run as a formula', async () => {
    const attacks = ['=HYPERLINK("http://evil.example","click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1', '＝1+1', '＋1', '－1', '＠SUM(A1)'];
    const rows = attacks.map((attack, i) => row({ submissionId: `sub_${i}`, candidateRef: attack, basis: attack, assessorIds: [attack] }));
    rows.push(row({ submissionId: 'sub_neg', attempt: -3, rubricVersion: -1, levels: { 'c-plan': -2 } }));
    const [, ...records] = parseCsv(await csvOf(rows));
    attacks.forEach((attack, i) => {
      const [, candidateRef, , , , basis, , assessorIds] = records[i]!;
      for (const cell of [candidateRef, basis, assessorIds]) expect(cell).toBe(`'${attack}`);
    });
    const negative = records.at(-1)!;
    expect([negative[3], negative[9], negative[10]]).toEqual(["'-3", "'-1", "'-2"]);
    const harmless = parseCsv(await csvOf([row({ candidateRef: 'a=b', basis: 'x+y-z@w' })]))[1]!;
    expect([harmless[1], harmless[5]]).toEqual(['a=b', 'x+y-z@w']);
  });

  it('stops with the error when the rows fail, and the sink is destroyed', async () => {
    async function* failing() {
      yield row();
      throw new Error('database went away');
    }
    const sink = new Writable({ write: (_c, _e, done) => done() });
    await expect(writeDecisionsCsv(failing(), CRITERIA, sink)).rejects.toThrow('database went away');
    expect(sink.destroyed).toBe(true);
  });

  /**
   * Streams `count` generated rows into `sink`, collecting garbage and sampling live memory
   * (JS heap plus Buffers) every 10,000 rows. Returns the largest growth over the baseline.
   */
  async function peakGrowth(count: number, sink: Writable): Promise<number> {
    const criteria = Array.from({ length: 12 }, (_, i) => `criterion-${i}`);
    const live = () => {
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const baseline = live();
    let peak = 0;
    async function* rows() {
      for (let i = 0; i < count; i++) {
        if (i % 10_000 === 0) peak = Math.max(peak, live() - baseline);
        yield row({
          submissionId: `sub_${i.toString(16).padStart(32, '0')}`,
          candidateRef: `cand-${i}`,
          decidedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
          levels: Object.fromEntries(criteria.map((c, j) => [c, ((i + j) % 7) + 1])),
        });
      }
    }
    await writeDecisionsCsv(rows(), criteria, sink);
    return Math.max(peak, live() - baseline);
  }

  it('streams 100,000 rows to a counting sink with flat memory', { timeout: 120_000 }, async () => {
    let bytes = 0;
    let lines = 0;
    const counter = new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        for (const b of chunk) if (b === 0x0a) lines++;
        done();
      },
    });
    const growth = await peakGrowth(100_000, counter);
    expect(lines).toBe(100_001);
    expect(bytes).toBeGreaterThan(12 * 1024 * 1024);
    expect(growth).toBeLessThan(MEMORY_BOUND);
  });

  it('pulls rows only as fast as a slow sink takes them', { timeout: 60_000 }, async () => {
    let lines = 0;
    let pulled = 0;
    let maxAhead = 0;
    const slowSink = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        for (const b of chunk) if (b === 0x0a) lines++;
        setImmediate(done);
      },
    });
    // Rows pulled but not yet received by the sink: bounded only if the writer waits for the sink.
    async function* source() {
      for (let i = 0; i < 20_000; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - Math.max(0, lines - 1));
        yield row({ submissionId: `sub_${i}` });
      }
    }
    await writeDecisionsCsv(source(), CRITERIA, slowSink);
    expect(lines).toBe(20_001);
    expect(maxAhead).toBeGreaterThan(1);
    expect(maxAhead).toBeLessThan(1_000);
  });

  it('would fail that memory bound if the output were held in memory', { timeout: 120_000 }, async () => {
    const held: Buffer[] = [];
    const hoarder = new Writable({
      write(chunk: Buffer, _enc, done) {
        held.push(chunk);
        done();
      },
    });
    const growth = await peakGrowth(100_000, hoarder);
    expect(held.length).toBeGreaterThan(0);
    expect(growth).toBeGreaterThan(MEMORY_BOUND);
  });
});
