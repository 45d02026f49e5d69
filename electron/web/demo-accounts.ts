// The one-click demo accounts, read from the demo dataset: assessor, master rater and staff accounts without a
// password of their own sign in with "demo" on a hub seeded with it. Used by both hosts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const DEMO_MANIFEST_PATH = resolve(import.meta.dirname, '../../resources/demo/demo.json');

export type DemoAccount = { username: string; password: string; label: string };

const DemoUsers = z.object({
  users: z.array(z.object({ username: z.string(), displayName: z.string(), roles: z.array(z.string()), password: z.string().optional() })),
});

/** The roles that get a one-click button: people who use the workstation (not integrations). */
const BUTTON_ROLES: readonly string[] = ['assessor', 'master_rater', 'staff'];

export function readDemoAccounts(manifestPath: string = DEMO_MANIFEST_PATH): DemoAccount[] {
  const { users } = DemoUsers.parse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  return users
    .filter((u) => u.roles.some((r) => BUTTON_ROLES.includes(r)) && u.password === undefined)
    .map((u) => ({ username: u.username, password: 'demo', label: u.displayName }));
}
