// A minimal PDF 1.4 writer for the demo's student-work documents: text lines in the
// standard Helvetica fonts, explicit pages, a correct cross-reference table. Written here
// rather than pulled from npm because the demo needs only typed text, and the output must be
// byte-for-byte reproducible (no timestamps, no ids).

export type PdfStyle = 'title' | 'heading' | 'body' | 'small';
export type PdfLine = { text: string; style?: PdfStyle; indent?: number };
export type PdfDocument = { title: string; pages: PdfLine[][] };

const PAGE_W = 612; // US Letter, in points
const PAGE_H = 792;
const MARGIN = 72;
const FOOTER_Y = 40;

const STYLES: Record<PdfStyle, { font: 'F1' | 'F2'; size: number; before: number }> = {
  title: { font: 'F2', size: 16, before: 0 },
  heading: { font: 'F2', size: 12, before: 10 },
  body: { font: 'F1', size: 11, before: 3 },
  small: { font: 'F1', size: 9, before: 2 },
};

/** Helvetica averages about half an em per character; wrap a little early to stay inside the margin. */
function wrap(text: string, size: number, width: number): string[] {
  const max = Math.max(10, Math.floor(width / (size * 0.53)));
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  out.push(line);
  return out;
}

/** PDF string literal: only printable ASCII, so the byte length equals the string length. */
function literal(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`PDF text must be printable ASCII: ${JSON.stringify(text)}`);
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function pageContent(lines: PdfLine[], pageNo: number, pageCount: number): string {
  const ops: string[] = [];
  let y = PAGE_H - MARGIN;
  for (const l of lines) {
    const st = STYLES[l.style ?? 'body'];
    const indent = l.indent ?? 0;
    y -= st.before;
    for (const part of wrap(l.text, st.size, PAGE_W - 2 * MARGIN - indent)) {
      y -= st.size * 1.35;
      if (y < FOOTER_Y + 24) throw new Error(`page ${pageNo} overflows; move lines to another page`);
      ops.push(`BT /${st.font} ${st.size} Tf ${MARGIN + indent} ${y.toFixed(1)} Td ${literal(part)} Tj ET`);
    }
  }
  ops.push(`BT /F1 9 Tf ${MARGIN} ${FOOTER_Y} Td ${literal(`Page ${pageNo} of ${pageCount}`)} Tj ET`);
  return `${ops.join('\n')}\n`;
}

/** Renders the document; each entry of `pages` becomes one page. */
export function renderPdf(doc: PdfDocument): Buffer {
  if (doc.pages.length === 0) throw new Error('a PDF needs at least one page');
  // Object numbers: 1 catalog, 2 page tree, 3-4 fonts, 5 info, then per page: page, content.
  const pageObj = (i: number) => 6 + 2 * i;
  const objects: string[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${doc.pages.map((_, i) => `${pageObj(i)} 0 R`).join(' ')}] /Count ${doc.pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Title ${literal(doc.title)} /Producer (Assay demo media generator) >>`;
  doc.pages.forEach((lines, i) => {
    const content = pageContent(lines, i + 1, doc.pages.length);
    objects[pageObj(i)] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageObj(i) + 1} 0 R >>`;
    objects[pageObj(i) + 1] = `<< /Length ${content.length} >>\nstream\n${content}endstream`;
  });

  // A binary comment after the header tells transfer tools the file is not plain text.
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = Buffer.byteLength(out, 'latin1');
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objects.length; n++) out += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
