// Structural checks on media files, shared by the demo tests: enough of the PDF, MP4 and
// WebM formats to tell a real file of that type from a mislabelled or truncated one.

/** Problems with a PDF's header, trailer, cross-reference table and page count; empty when sound. */
export function pdfProblems(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  const problems: string[] = [];
  if (!text.startsWith('%PDF-')) problems.push('no %PDF- header');
  if (!/%%EOF\s*$/.test(text)) problems.push('does not end with %%EOF');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!start) return [...problems, 'no startxref'];
  const xrefAt = Number(start[1]);
  if (!text.startsWith('xref', xrefAt)) return [...problems, `startxref ${xrefAt} does not point at the xref table`];
  const head = /^xref\s+0 (\d+)\s+/.exec(text.slice(xrefAt));
  if (!head) return [...problems, 'xref table has no subsection header'];
  const count = Number(head[1]);
  const entriesAt = xrefAt + head[0].length;
  for (let n = 1; n < count; n++) {
    const entry = text.slice(entriesAt + 20 * n, entriesAt + 20 * n + 20);
    const m = /^(\d{10}) (\d{5}) n[ \r]\n$/.exec(entry);
    if (!m) {
      problems.push(`xref entry ${n} is malformed: ${JSON.stringify(entry)}`);
      continue;
    }
    if (!text.startsWith(`${n} 0 obj`, Number(m[1]))) problems.push(`xref entry ${n} does not point at object ${n}`);
  }
  for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const end = (m.index ?? 0) + m[0].length + Number(m[1]);
    if (!text.startsWith('endstream', end)) problems.push(`stream at ${m.index} has a wrong /Length`);
  }
  const pages = (text.match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  const declared = Number(/\/Type \/Pages .*\/Count (\d+)/.exec(text)?.[1]);
  if (pages !== declared) problems.push(`page tree says ${declared} pages, found ${pages}`);
  return problems;
}

/** Number of pages a PDF declares in its page tree. */
export function pdfPageCount(bytes: Buffer): number {
  return Number(/\/Type \/Pages .*\/Count (\d+)/.exec(bytes.toString('latin1'))?.[1]);
}

/** The top-level box types of an ISO BMFF (MP4) file, in order. */
export function mp4TopLevelBoxes(bytes: Buffer): string[] {
  const types: string[] = [];
  let at = 0;
  while (at + 8 <= bytes.length) {
    let size = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (size === 1) size = Number(bytes.readBigUInt64BE(at + 8));
    else if (size === 0) size = bytes.length - at;
    if (size < 8) throw new Error(`box ${type} at ${at} has an impossible size ${size}`);
    types.push(type);
    at += size;
  }
  if (at !== bytes.length) throw new Error(`boxes end at ${at}, file has ${bytes.length} bytes`);
  return types;
}

/** The DocType string in a WebM/Matroska EBML header ("webm" for WebM). */
export function ebmlDocType(bytes: Buffer): string | null {
  if (bytes.readUInt32BE(0) !== 0x1a45dfa3) return null;
  // DocType element id 0x4282, followed by a one-byte size for the short strings used here.
  const at = bytes.subarray(0, 64).indexOf(Buffer.from([0x42, 0x82]));
  if (at < 0) return null;
  const size = (bytes[at + 2] as number) & 0x7f;
  return bytes.toString('latin1', at + 3, at + 3 + size);
}
