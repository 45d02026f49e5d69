// Lays out a student-work sample (a task and typed student responses, then the teacher's
// tally) as a three-page PDF document. Students appear only as numbers.
import type { PdfDocument, PdfLine } from './pdf.ts';

export type WorkSpec = {
  /** Output path relative to resources/demo. */
  file: string;
  title: string;
  /** Grade, subject and date line, e.g. "Grade 4 math - exit ticket - day 2 of the unit". */
  course: string;
  /** The task as the students saw it. */
  items: string[];
  /** Students present; the sample may show fewer responses than this. */
  classSize: number;
  /** Typed responses in class-list order (all of them, or a sample showing the range). */
  responses: string[];
  /** The teacher's tally, sorting and notes on the responses. */
  teacherNotes: string[];
};

const FIRST_PAGE_RESPONSES = 8;

function responseLines(responses: string[], offset: number): PdfLine[] {
  return responses.map((r, i) => ({ text: `Student ${String(offset + i + 1).padStart(2, '0')}: ${r}`, indent: 12 }));
}

function sampleNote(spec: WorkSpec): string {
  const shown = spec.responses.length === spec.classSize ? `All ${spec.classSize} responses` : `${spec.responses.length} of ${spec.classSize} responses, chosen to show the range`;
  return `${shown}, typed from the originals. Students are numbered; names have been removed.`;
}

export function workDocument(spec: WorkSpec): PdfDocument {
  const first = spec.responses.slice(0, FIRST_PAGE_RESPONSES);
  const rest = spec.responses.slice(FIRST_PAGE_RESPONSES);
  const page1: PdfLine[] = [
    { text: spec.title, style: 'title' },
    { text: spec.course, style: 'small' },
    { text: sampleNote(spec), style: 'small' },
    { text: 'Task', style: 'heading' },
    ...spec.items.map((text) => ({ text, indent: 12 })),
    { text: `Responses 1-${first.length}`, style: 'heading' },
    ...responseLines(first, 0),
  ];
  const pages: PdfLine[][] = [page1];
  if (rest.length > 0) {
    pages.push([
      { text: `${spec.title} (continued)`, style: 'heading' },
      { text: `Responses ${FIRST_PAGE_RESPONSES + 1}-${spec.responses.length}`, style: 'heading' },
      ...responseLines(rest, FIRST_PAGE_RESPONSES),
    ]);
  }
  pages.push([
    { text: "Teacher's tally and notes", style: 'heading' },
    ...spec.teacherNotes.map((text) => ({ text, indent: 12 })),
  ]);
  return { title: spec.title, pages };
}
