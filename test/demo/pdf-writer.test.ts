import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../scripts/demo-media/pdf.ts';
import type { PdfDocument } from '../../scripts/demo-media/pdf.ts';
import { pdfPageCount, pdfProblems } from './file-checks.ts';

const doc: PdfDocument = {
  title: 'Exit ticket (test)',
  pages: [
    [
      { text: 'Exit ticket', style: 'title' },
      { text: 'Task', style: 'heading' },
      { text: 'Student 01: 3/4 (it is closer to one whole) \\ done', indent: 12 },
    ],
    [{ text: 'A long line that goes on and on '.repeat(12) }],
    [{ text: 'Notes', style: 'small' }],
  ],
};

describe('renderPdf', () => {
  it('writes a PDF 1.4 with a correct cross-reference table and one page per entry', () => {
    const bytes = renderPdf(doc);
    expect(bytes.toString('latin1', 0, 8)).toBe('%PDF-1.4');
    expect(bytes.toString('latin1').endsWith('%%EOF\n')).toBe(true);
    expect(pdfProblems(bytes)).toEqual([]);
    expect(pdfPageCount(bytes)).toBe(3);
  });

  it('escapes parentheses and backslashes in text', () => {
    const text = renderPdf(doc).toString('latin1');
    expect(text).toContain('\\(it is closer to one whole\\) \\\\ done');
  });

  it('wraps long lines instead of running off the page', () => {
    const text = renderPdf(doc).toString('latin1');
    const shown = [...text.matchAll(/\(([^)]*)\) Tj/g)].map((m) => m[1] as string).filter((t) => t.includes('on and on'));
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.join(' ').split(' ').filter((w) => w === 'long')).toHaveLength(12);
    for (const line of shown) expect(line.length).toBeLessThanOrEqual(90);
  });

  it('gives the same bytes for the same document', () => {
    expect(renderPdf(doc).equals(renderPdf(structuredClone(doc)))).toBe(true);
  });

  it('numbers pages in a footer', () => {
    const text = renderPdf(doc).toString('latin1');
    expect(text).toContain('(Page 1 of 3)');
    expect(text).toContain('(Page 3 of 3)');
  });

  it('refuses text the standard fonts cannot show, and pages that overflow', () => {
    expect(() => renderPdf({ title: 't', pages: [[{ text: 'caf\u00e9' }]] })).toThrow(/ASCII/);
    const tooLong = Array.from({ length: 60 }, (_, i) => ({ text: `line ${i}` }));
    expect(() => renderPdf({ title: 't', pages: [tooLong] })).toThrow(/overflows/);
    expect(() => renderPdf({ title: 't', pages: [] })).toThrow(/at least one page/);
  });

  it('is caught by the structure check when an offset is wrong', () => {
    const bytes = renderPdf(doc);
    const shifted = Buffer.concat([bytes.subarray(0, 20), Buffer.from(' '), bytes.subarray(20)]);
    expect(pdfProblems(shifted).length).toBeGreaterThan(0);
  });
});
