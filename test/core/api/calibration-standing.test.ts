// Where a qualification stands on the device, by the local clock (offline too): the days left
// and the "expires in N days" reminder from 30 days before, expiry at the instant itself, and
// the hub's suspended or expired state over any date.
import { describe, expect, it } from 'vitest';
import { remindsOfExpiry } from '../../../shared/index.ts';
import { standing } from '../../../electron/core/api/calibration-handlers.ts';
import type { StoredQualification } from '../../../electron/core/store/types.ts';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const DAY = 86_400_000;
const until = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const stored = (calibratedUntil: string, state: StoredQualification['state'] = 'current'): StoredQualification =>
  ({ microCredentialId: 'mc-q', title: 'Questioning', calibratedUntil, state, policy: null });
const at = (q: StoredQualification) => {
  const s = standing(q, [], NOW);
  return { state: s.state, daysLeft: s.daysLeft, reminds: remindsOfExpiry(s) };
};

describe('a qualification on the device', () => {
  it('reminds from 30 days before expiry, and not a moment earlier', () => {
    expect(at(stored(until(30 * DAY + 1)))).toEqual({ state: 'current', daysLeft: 31, reminds: false });
    expect(at(stored(until(30 * DAY)))).toEqual({ state: 'current', daysLeft: 30, reminds: true });
    expect(at(stored(until(12 * DAY - 3_600_000)))).toEqual({ state: 'current', daysLeft: 12, reminds: true });
    expect(at(stored(until(1)))).toEqual({ state: 'current', daysLeft: 1, reminds: true });
  });

  it('expires at the instant its date passes, by the local clock, with no reminder', () => {
    expect(at(stored(until(0)))).toEqual({ state: 'expired', daysLeft: null, reminds: false });
    expect(at(stored(until(-DAY), null))).toEqual({ state: 'expired', daysLeft: null, reminds: false });
  });

  it("takes the hub's suspended or expired state over a date still to come", () => {
    expect(at(stored(until(200 * DAY), 'suspended'))).toEqual({ state: 'suspended', daysLeft: null, reminds: false });
    expect(at(stored(until(10 * DAY), 'expired'))).toEqual({ state: 'expired', daysLeft: null, reminds: false });
  });
});
