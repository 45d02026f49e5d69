import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_VIDEOS, DEMO_WORK } from '../../scripts/demo-media/catalog.ts';
import { renderPdf } from '../../scripts/demo-media/pdf.ts';
import { specProblems } from '../../scripts/demo-media/scene.ts';
import type { VideoSpec } from '../../scripts/demo-media/scene.ts';
import { workDocument } from '../../scripts/demo-media/student-work.ts';
import { buildFilterGraph, encoderArgs } from '../../scripts/demo-media/video.ts';
import { renderWebVtt } from '../../scripts/demo-media/webvtt.ts';

const DEMO_DIR = resolve(import.meta.dirname, '../../resources/demo');

const spec: VideoSpec = {
  file: 'media/x.mp4',
  durationSec: 10,
  label: 'Grade 3 - Room 1',
  lesson: 'Test lesson',
  wall: '0xC0C0C0',
  ink: '0x000000',
  seed: 5,
  voiceHz: 200,
  scenes: [
    { from: 0, to: 4, board: ['Why?'], say: 'Why is 1 < 2 & 3?', hands: [2] },
    { from: 4, to: 10, board: ['How do you know?'], say: 'How do you know?' },
  ],
};

describe('clip specs', () => {
  it('accepts scenes that tile the clip and reports gaps, bad seats and wrong lengths', () => {
    expect(specProblems(spec)).toEqual([]);
    const broken: VideoSpec = { ...spec, file: 'media/x.avi', scenes: [{ ...spec.scenes[0]!, hands: [6] }, { ...spec.scenes[1]!, from: 5, to: 9 }] };
    const problems = specProblems(broken).join('\n');
    expect(problems).toMatch(/seat 6/);
    expect(problems).toMatch(/should start at 4s/);
    expect(problems).toMatch(/end at 9s/);
    expect(problems).toMatch(/\.webm or \.mp4/);
  });

  it('are all valid, distinct and alternate between WebM and MP4', () => {
    for (const v of DEMO_VIDEOS) expect(specProblems(v)).toEqual([]);
    expect(new Set(DEMO_VIDEOS.map((v) => v.seed)).size).toBe(DEMO_VIDEOS.length);
    expect(new Set(DEMO_VIDEOS.map((v) => JSON.stringify(v.scenes))).size).toBe(DEMO_VIDEOS.length);
    const webm = DEMO_VIDEOS.filter((v) => v.file.endsWith('.webm')).length;
    expect(Math.abs(webm - (DEMO_VIDEOS.length - webm))).toBeLessThanOrEqual(1);
  });
});

describe('WebVTT captions', () => {
  it('has one cue per scene on the clip timeline, with cue text escaped', () => {
    const vtt = renderWebVtt(spec);
    expect(vtt.startsWith('WEBVTT')).toBe(true);
    expect(vtt).toContain('00:00:00.000 --> 00:00:04.000');
    expect(vtt).toContain('00:00:04.000 --> 00:00:10.000');
    expect(vtt).toContain('Why is 1 &lt; 2 &amp; 3?');
    expect(vtt.split('\n\n')).toHaveLength(3);
  });

  it('refuses cue text that would end a cue early', () => {
    expect(() => renderWebVtt({ ...spec, scenes: [{ ...spec.scenes[0]!, say: 'a --> b' }, spec.scenes[1]!] })).toThrow();
  });

  it('matches the committed caption files', () => {
    const captioned = DEMO_VIDEOS.filter((v) => v.captions !== undefined);
    expect(captioned.length).toBeGreaterThanOrEqual(2);
    for (const v of captioned) expect(readFileSync(join(DEMO_DIR, v.captions as string), 'utf8')).toBe(renderWebVtt(v));
  });
});

describe('student work', () => {
  it('matches the committed PDFs byte for byte', () => {
    for (const w of DEMO_WORK) expect(readFileSync(join(DEMO_DIR, w.file)).equals(renderPdf(workDocument(w))), w.file).toBe(true);
  });

  it('labels students by number only', () => {
    for (const w of DEMO_WORK) {
      const lines = workDocument(w).pages.flat().map((l) => l.text);
      expect(lines.filter((l) => /^Student \d{2}: /.test(l))).toHaveLength(w.responses.length);
    }
  });
});

describe('clip filter graph and encoder settings', () => {
  it('shows each scene on the board only during its time window', () => {
    const { graph, textFiles } = buildFilterGraph(spec, '/work');
    expect(graph).toContain("enable='between(t,0,4)'");
    expect(graph).toContain("enable='between(t,4,10)'");
    expect(textFiles.map((f) => f.text)).toEqual(expect.arrayContaining(['Why?', 'How do you know?', 'Test lesson']));
    expect(graph).toMatch(/\[v\]/);
    expect(graph).toMatch(/\[a\]\n$/);
  });

  it('refuses work dirs that cannot be written into a filter graph unquoted', () => {
    expect(() => buildFilterGraph(spec, "/tmp/it's:here")).toThrow(/unsafe/);
  });

  it('uses VP9 + Opus for WebM and H.264 + AAC with faststart for MP4, single-threaded and bitexact', () => {
    const webm = encoderArgs('a.webm').join(' ');
    const mp4 = encoderArgs('a.mp4').join(' ');
    expect(webm).toMatch(/-c:v libvpx-vp9 .*-c:a libopus/);
    expect(mp4).toMatch(/-c:v libx264 .*-c:a aac .*-movflags \+faststart/);
    for (const args of [webm, mp4]) {
      expect(args).toContain('-threads 1');
      expect(args).toContain('-pix_fmt yuv420p');
      expect(args).toContain('-fflags +bitexact');
    }
  });
});
