import './support/cleanup.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueueItem, SubmissionView } from '../../shared/index.ts';
import { QueueScreen } from '../../renderer/src/screens/queue/Queue.tsx';
import { SCREENS } from '../../renderer/src/screens/index.tsx';
import { ReviewScreen } from '../../renderer/src/screens/review/Review.tsx';
import { makeView } from './support/fixtures.ts';
import type { Route } from '../../renderer/src/router.ts';
import { expectNoAxeViolations, useScheme } from './support/axe.ts';
import { FakeApi } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';

const item = (id: string, over: Partial<QueueItem>): QueueItem => QueueItem.parse({
  assignmentId: id, submissionId: `s-${id}`, microCredentialId: 'mc-q', microCredentialTitle: 'Questioning', candidateRef: `cand-${id}`, attempt: 1,
  role: 'primary', assignmentState: 'assigned', assignedAt: '2026-11-20T10:00:00.000Z', dueAt: '2026-11-27T10:00:00.000Z', overdue: false,
  download: { state: 'complete', bytesDone: 10, bytesTotal: 10 }, reviewStatus: 'new', qualificationExpired: false, ...over,
});

const ITEMS = [
  item('live', {}),
  item('validity', {}),
  item('calib', { role: 'calibration' }),
  item('master', { role: 'master' }),
  item('locked', { qualificationExpired: true, qualificationState: 'suspended' }),
  item('second', { role: 'second' }),
  item('adjudicate', { role: 'adjudication' }),
  item('consent', { role: 'consensus' }),
];

function queueApi(): FakeApi {
  const api = new FakeApi();
  api.overrides['queue.list'] = (input) => {
    const roles = (input.filter as { roles?: string[] } | undefined)?.roles;
    const items = roles ? ITEMS.filter((i) => roles.includes(i.role)) : ITEMS;
    return { items, total: ITEMS.length, microCredentials: [{ id: 'mc-q', title: 'Questioning' }] };
  };
  return api;
}

// The queue is virtualised: jsdom lays nothing out, so give the scroller a height to show rows in.
const sizes = ['clientHeight', 'clientWidth'] as const;
beforeAll(() => {
  for (const key of sizes) Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => 800 });
});
afterAll(() => {
  for (const key of sizes) Reflect.deleteProperty(HTMLElement.prototype, key);
});

const row = (candidate: string) => screen.getByRole('row', { name: new RegExp(`^${candidate}`) });

describe('queue rows and roles', () => {
  it('names calibration and master work, and gives primary work (validity items too) no mark at all', async () => {
    renderWithApi(<QueueScreen onOpen={() => undefined} />, queueApi());
    await screen.findByRole('button', { name: 'cand-calib' });
    expect(within(row('cand-calib')).getByText('Calibration')).toBeTruthy();
    expect(within(row('cand-master')).getByText('Master scoring')).toBeTruthy();
    // A validity item is role primary: its row is the same as live work's but for its own ids.
    expect(row('cand-validity').innerHTML.replaceAll('validity', 'live')).toBe(row('cand-live').innerHTML);
  });

  it('locks suspended work with "Calibration required" and a link to calibrate', async () => {
    const user = userEvent.setup();
    let calibrate = 0;
    renderWithApi(<QueueScreen onOpen={() => undefined} onCalibrate={() => (calibrate += 1)} />, queueApi());
    const open = await screen.findByRole('button', { name: 'cand-locked' });
    expect((open as HTMLButtonElement).disabled).toBe(true);
    expect(row('cand-locked').textContent).toContain('Calibration required');
    await user.click(within(row('cand-locked')).getByRole('button', { name: 'Calibrate' }));
    expect(calibrate).toBe(1);
  });

  it('scopes the master rater\'s list to master assignments', async () => {
    const api = queueApi();
    renderWithApi(<QueueScreen onOpen={() => undefined} scope={{ title: 'Master scoring', filter: { roles: ['master'] } }} />, api);
    expect(await screen.findByRole('heading', { name: 'Master scoring' })).toBeTruthy();
    await screen.findByRole('button', { name: 'cand-master' });
    expect(screen.queryByRole('button', { name: 'cand-live' })).toBeNull();
    expect(api.calls.filter((c) => c.method === 'queue.list').every((c) => JSON.stringify(c.input).includes('"roles":["master"]'))).toBe(true);
  });

  it.each(['light', 'dark'] as const)('is axe-clean in the %s scheme', async (scheme) => {
    useScheme(scheme);
    const { container } = renderWithApi(<QueueScreen onOpen={() => undefined} onCalibrate={() => undefined} />, queueApi());
    await screen.findByRole('button', { name: 'cand-locked' });
    await expectNoAxeViolations(container, `queue with roles (${scheme})`);
  });

  it('marks double-scoring work, and opens adjudication and consensus tasks in their own workspaces, every other role as a review', async () => {
    const user = userEvent.setup();
    const routes: Route[] = [];
    const queue = SCREENS.find((e) => e.name === 'queue')!;
    renderWithApi(<>{queue.render({ id: undefined, navigate: (r) => routes.push(r) })}</>, queueApi());
    await screen.findByRole('button', { name: 'cand-adjudicate' });
    expect(within(row('cand-second')).getByText('Second read')).toBeTruthy();
    expect(within(row('cand-adjudicate')).getByText('Adjudication')).toBeTruthy();
    expect(within(row('cand-consent')).getByText('Consensus')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'cand-adjudicate' }));
    await user.click(screen.getByRole('button', { name: 'cand-second' }));
    await user.click(screen.getByRole('button', { name: 'cand-consent' }));
    expect(routes).toEqual([{ name: 'adjudication', id: 'adjudicate' }, { name: 'review', id: 'second' }, { name: 'consensus', id: 'consent' }]);
    expect(SCREENS.find((e) => e.name === 'adjudication')).toMatchObject({ roles: ['master_rater'], under: 'queue' });
  });

  it('marks a second read in the review workspace, and primary work not at all', async () => {
    const second = new FakeApi({ view: SubmissionView.parse({ ...makeView(), assignment: { ...makeView().assignment, role: 'second' } }) });
    const { unmount } = renderWithApi(<ReviewScreen assignmentId="as-1" onDone={() => undefined} />, second);
    expect(await screen.findByText('Second read')).toBeTruthy();
    unmount();
    renderWithApi(<ReviewScreen assignmentId="as-1" onDone={() => undefined} />, new FakeApi());
    await screen.findByRole('group', { name: 'Questioning techniques' });
    expect(screen.queryByText('Second read')).toBeNull();
    expect(document.querySelector('.review-head .badge-role')).toBeNull();
  });
});
