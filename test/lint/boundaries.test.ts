import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints source text as if it lived at a given path, so the boundary rules are checked
// without planting bad files in the tree.
async function lintAs(filePath: string, code: string) {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals');
}

describe('process boundaries', () => {
  it.each([
    ['shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['shared/x.ts', "import path from 'path';\nexport const p = path;\n"],
    ['shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['shared/x.ts', "import { openStore } from '../electron/core/store/db.ts';\nexport const o = openStore;\n"],
    ['shared/x.ts', 'export const w = window.location;\n'],
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['renderer/src/x.ts', 'export const e = process.env;\n'],
    ['electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['server/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ])('%s may not use: %s', async (file, code) => {
    expect((await lintAs(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['shared/x.ts', "import { z } from 'zod';\nexport const s = z.string();\n"],
    ['renderer/src/x.ts', "import { decide } from '../../shared/index.ts';\nexport const d = decide;\n"],
    ['electron/core/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ])('%s may use: %s', async (file, code) => {
    expect(await lintAs(file, code)).toEqual([]);
  });
});
