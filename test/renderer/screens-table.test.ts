import { describe, expect, it } from 'vitest';
import { parseHash, routeHash } from '../../renderer/src/router.ts';
import { SCREENS, screenFor } from '../../renderer/src/screens/index.tsx';

describe('the screens table', () => {
  it('round-trips routes through the address hash, and refuses malformed hashes', () => {
    for (const route of [{ name: 'queue' }, { name: 'review', id: 'asg_1.x-y' }]) expect(parseHash(routeHash(route))).toEqual(route);
    expect(parseHash('#/review/a/b')).toBeNull();
    expect(parseHash('')).toBeNull();
  });

  it('sends each role to a screen it may see, never one it may not', () => {
    expect(screenFor(null, ['assessor']).entry.name).toBe('queue');
    expect(screenFor({ name: 'review', id: 'asg_1' }, ['assessor'])).toMatchObject({ entry: { name: 'review' }, id: 'asg_1' });
    // A screen about one thing needs its id; without one the user lands on their first screen.
    expect(screenFor({ name: 'review' }, ['assessor']).entry.name).toBe('queue');
    expect(screenFor({ name: 'nowhere' }, ['assessor']).entry.name).toBe('queue');
    const staffOnly = screenFor({ name: 'queue' }, ['staff']).entry;
    expect(staffOnly.roles === 'any' || staffOnly.roles.includes('staff')).toBe(true);
  });

  it('gives assessors Calibration, master raters their scoring and sets, staff the Policy panel', () => {
    const nav = (roles: Parameters<typeof screenFor>[1]) => SCREENS.filter((s) => s.navLabel !== undefined && (s.roles === 'any' || s.roles.some((r) => roles.includes(r)))).map((s) => s.name);
    expect(nav(['assessor'])).toEqual(['queue', 'calibration', 'settings']);
    expect(nav(['master_rater'])).toEqual(['queue', 'master', 'calibration-sets', 'reliability', 'settings']);
    expect(nav(['staff'])).toEqual(['decisions', 'audit', 'policy', 'reliability', 'turnaround', 'settings']);
    expect(screenFor({ name: 'policy' }, ['assessor']).entry.name).toBe('queue');
    expect(screenFor({ name: 'calibration' }, ['master_rater']).entry.name).toBe('queue');
  });

  it('names every screen once', () => {
    const names = SCREENS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
