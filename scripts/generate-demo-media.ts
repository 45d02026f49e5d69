// Generates the demo dataset's media in resources/demo/media: synthetic classroom clips
// (ffmpeg), their captions, and student-work PDFs, as listed in scripts/demo-media/catalog.ts
// and referenced by resources/demo/demo.json.
//
//   node scripts/generate-demo-media.ts           only what is missing or whose recipe changed
//   node scripts/generate-demo-media.ts --force   re-encode every clip
//
// Idempotent: PDFs and captions are rewritten only when their bytes change, and a clip is
// re-encoded only when its recipe (spec, filter graph, encoder settings) changed, which is
// tracked in resources/demo/media-recipes.json. With one encoder thread and bitexact
// muxing, ffmpeg's output is deterministic for a given ffmpeg build.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SeedManifest } from '../server/seed/manifest.ts';
import { DEMO_VIDEOS, DEMO_WORK } from './demo-media/catalog.ts';
import { encodeClip } from './demo-media/encode.ts';
import { renderPdf } from './demo-media/pdf.ts';
import { specProblems } from './demo-media/scene.ts';
import { workDocument } from './demo-media/student-work.ts';
import { buildFilterGraph, encoderArgs } from './demo-media/video.ts';
import { renderWebVtt } from './demo-media/webvtt.ts';

const DEMO_DIR = resolve(import.meta.dirname, '..', 'resources', 'demo');
const MEDIA_DIR = join(DEMO_DIR, 'media');
const RECIPES_FILE = join(DEMO_DIR, 'media-recipes.json');
const force = process.argv.includes('--force');

/** Checks that the catalogue and demo.json describe the same files, before any work is done. */
function checkAgainstManifest(): void {
  const manifest = SeedManifest.parse(JSON.parse(readFileSync(join(DEMO_DIR, 'demo.json'), 'utf8')));
  const referenced = new Map(manifest.submissions.flatMap((s) => s.artifacts.map((a) => [a.file, a] as const)));
  const produced = new Set<string>();
  const problems: string[] = [];
  for (const v of DEMO_VIDEOS) {
    problems.push(...specProblems(v));
    produced.add(v.file);
    const ref = referenced.get(v.file);
    if (ref && ref.durationSec !== v.durationSec) problems.push(`${v.file}: demo.json says ${ref.durationSec}s, the spec ${v.durationSec}s`);
    if (v.captions) produced.add(v.captions);
  }
  for (const w of DEMO_WORK) produced.add(w.file);
  for (const file of referenced.keys()) if (!produced.has(file)) problems.push(`${file}: referenced by demo.json but nothing produces it`);
  for (const file of produced) if (!referenced.has(file)) problems.push(`${file}: produced but not referenced by demo.json`);
  if (problems.length > 0) throw new Error(`demo media catalogue does not match demo.json:\n  ${problems.join('\n  ')}`);
}

/** Writes the file only if its bytes differ, so reruns leave the working tree untouched. */
function writeIfChanged(rel: string, bytes: Buffer): void {
  const path = join(DEMO_DIR, rel);
  if (existsSync(path) && readFileSync(path).equals(bytes)) return;
  writeFileSync(path, bytes);
  console.log(`wrote ${rel} (${bytes.length} bytes)`);
}

function recipeHash(spec: (typeof DEMO_VIDEOS)[number]): string {
  // A fixed work dir stands in for the temporary one, so the hash depends only on the recipe.
  const { graph, textFiles } = buildFilterGraph(spec, '/recipe');
  return createHash('sha256').update(JSON.stringify({ spec, graph, textFiles, args: encoderArgs(spec.file) })).digest('hex');
}

function main(): void {
  checkAgainstManifest();
  mkdirSync(MEDIA_DIR, { recursive: true });
  for (const w of DEMO_WORK) writeIfChanged(w.file, renderPdf(workDocument(w)));
  for (const v of DEMO_VIDEOS) if (v.captions) writeIfChanged(v.captions, Buffer.from(renderWebVtt(v), 'utf8'));

  const recipes: Record<string, string> = existsSync(RECIPES_FILE) ? JSON.parse(readFileSync(RECIPES_FILE, 'utf8')) : {};
  let encoded = 0;
  for (const v of DEMO_VIDEOS) {
    const hash = recipeHash(v);
    if (!force && recipes[v.file] === hash && existsSync(join(DEMO_DIR, v.file))) continue;
    encoded++;
    const started = Date.now();
    encodeClip(v, join(DEMO_DIR, v.file));
    recipes[v.file] = hash;
    // Saved after every clip, so an interrupted run keeps the clips already finished.
    writeFileSync(RECIPES_FILE, `${JSON.stringify(sortKeys(recipes), null, 2)}\n`);
    console.log(`encoded ${v.file} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }

  const known = new Set([...DEMO_VIDEOS.flatMap((v) => [v.file, v.captions]), ...DEMO_WORK.map((w) => w.file)]);
  for (const name of readdirSync(MEDIA_DIR)) {
    if (!known.has(`media/${name}`)) console.warn(`warning: media/${name} is not produced by any recipe; delete it if it is stale`);
  }
  console.log(`demo media up to date: ${DEMO_VIDEOS.length} clips (${encoded} encoded now), ${DEMO_WORK.length} documents`);
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

main();
