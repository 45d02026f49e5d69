import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { DecisionScreen } from '../../renderer/src/screens/decision/Decision.tsx';
import type { Route } from '../../renderer/src/router.ts';
import { FakeApi, FakeFailure } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';
import { axeViolations, broken, finalResult, history, rubric, verified } from './support/staff-fixtures.ts';

function decisionApi(decision: 'earned' | 'not_yet' | null, credential: unknown) {
  const api = new FakeApi();
  api.overrides['staff.history'] = () => ({ history: history(decision), result: decision ? finalResult(decision) : null });
  api.overrides['audit.verify'] = () => verified();
  api.overrides['staff.credential'] = () => credential;
  return api;
}

const credentialSection = () => screen.getByRole('region', { name: 'Credential' });

describe('the Decision screen', () => {
  it('tells the story: timeline, both the read and the final levels by criterion, the chain badge and the credential', async () => {
    const api = decisionApi('earned', { credential: { type: ['VerifiableCredential', 'OpenBadgeCredential'] }, jwt: 'a.b.c' });
    const routes: Route[] = [];
    renderWithApi(<DecisionScreen submissionId="sub-7" navigate={(r) => routes.push(r)} />, api);
    expect(await screen.findByRole('heading', { name: 'Decision on cand-00007, attempt 2' })).toBeTruthy();
    const timeline = within(screen.getByRole('list', { name: 'History' })).getAllByRole('listitem').map((li) => li.textContent);
    expect(timeline).toHaveLength(3);
    expect(timeline[0]).toMatch(/Submission received.*by u-ana · seq 11 · submission\.received/);
    expect(timeline[1]).toMatch(/Assigned.*by the hub · seq 12/);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Criterion', 'Primary read (u-ana)', 'Final']);
    const discourse = within(table).getByRole('rowheader', { name: 'Student discourse' }).closest('tr') as HTMLElement;
    expect(within(discourse).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Level 3: ProficientPairs talk, the class rarely does.', 'Level 3: ProficientMet']);
    expect(screen.getByText(/Qualified, calibrated until .*; last calibration passed \(exact agreement 80%\); rubric rub-q v1/)).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('chain-badge').textContent).toBe('Chain verified (240 events)'));
    expect(await within(credentialSection()).findByRole('button', { name: 'Download JSON' })).toBeTruthy();
    expect(within(credentialSection()).getByRole('button', { name: 'Download JWT' })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Attempt 1' }));
    expect(routes).toEqual([{ name: 'decision', id: 'sub-3' }]);
  });

  it("names each read's criteria and levels from the rubric version it used, before there is a final result too", async () => {
    const h = history('earned');
    const first = h.reads[0]!;
    const second = { ...first, reviewId: 'rev-8', assignmentId: 'as-8', assessorId: 'u-bo', role: 'second' as const, rubricVersion: 2, scores: { 'c-questions': 2, 'c-discourse': 5 }, criterionFeedback: {} };
    const api = new FakeApi();
    api.overrides['staff.history'] = () => ({ history: { ...h, decision: null, reads: [first, second], rubrics: [rubric(1), rubric(2)] }, result: null });
    api.overrides['audit.verify'] = () => verified();
    renderWithApi(<DecisionScreen submissionId="sub-7" navigate={() => undefined} />, api);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Criterion', 'Primary read (u-ana)', 'Second read (u-bo)']);
    expect(within(table).getAllByRole('rowheader').map((c) => c.textContent)).toEqual(['Questioning techniques', 'Student discourse']);
    const cells = (title: string) => within(within(table).getByRole('rowheader', { name: title }).closest('tr') as HTMLElement).getAllByRole('cell').map((c) => c.textContent);
    expect(cells('Questioning techniques')).toEqual(['Level 4: Accomplished', 'Level 2: Emerging']);
    expect(cells('Student discourse')).toEqual(['Level 3: ProficientPairs talk, the class rarely does.', 'Level 5: Outstanding']);
  });

  it('still shows every score, by criterion id and level number, when the hub sent no rubric for it', async () => {
    const h = history('earned');
    const api = new FakeApi();
    api.overrides['staff.history'] = () => ({ history: { ...h, decision: null, rubrics: [] }, result: null });
    api.overrides['audit.verify'] = () => verified();
    renderWithApi(<DecisionScreen submissionId="sub-7" navigate={() => undefined} />, api);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['c-questionsLevel 4', 'c-discourseLevel 3Pairs talk, the class rarely does.']);
  });

  it('shows each refusal of the credential in plain words', async () => {
    const cases = [
      { decision: 'not_yet' as const, answer: new FakeFailure('not_earned', 'not earned'), text: 'has not been earned' },
      { decision: 'earned' as const, answer: new FakeFailure('no_recipient', 'no recipient'), text: 'intake gave no recipient' },
      { decision: 'earned' as const, answer: new FakeFailure('not_final', 'pending'), text: 'pending resolution' },
      { decision: null, answer: new FakeFailure('internal', 'never asked'), text: 'pending resolution' },
    ];
    for (const c of cases) {
      const api = decisionApi(c.decision, c.answer);
      const { unmount } = renderWithApi(<DecisionScreen submissionId="sub-7" navigate={() => undefined} />, api);
      await screen.findByRole('heading', { name: /^Decision on cand-00007/ });
      await waitFor(() => expect(credentialSection().textContent).toContain(c.text));
      expect(within(credentialSection()).queryByRole('button', { name: 'Download JSON' })).toBeNull();
      expect(api.calls.some((call) => call.method === 'staff.credential')).toBe(c.decision !== null);
      unmount();
    }
  });

  it('turns the badge red and says so when the chain fails verification', async () => {
    const api = decisionApi('earned', new FakeFailure('no_recipient', 'none'));
    api.overrides['audit.verify'] = () => broken(13);
    renderWithApi(<DecisionScreen submissionId="sub-7" navigate={() => undefined} />, api);
    await waitFor(() => expect(screen.getByTestId('chain-badge').textContent).toBe('Chain broken at seq 13'));
    expect(screen.getByTestId('chain-badge').className).toContain('chain-bad');
    expect(screen.getByRole('alert').textContent).toContain('fails verification at seq 13 (entry_mismatch)');
  });

  it('says the hub cannot be reached instead of showing a decision', async () => {
    const api = new FakeApi();
    api.overrides['staff.history'] = () => new FakeFailure('offline', 'The hub at http://127.0.0.1:1 cannot be reached.');
    api.overrides['audit.verify'] = () => new FakeFailure('offline', 'The hub at http://127.0.0.1:1 cannot be reached.');
    const routes: Route[] = [];
    renderWithApi(<DecisionScreen submissionId="sub-7" navigate={(r) => routes.push(r)} />, api);
    expect((await screen.findByRole('alert')).textContent).toContain('The hub cannot be reached. This screen works only online, so this decision cannot be shown.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Back to decisions' }));
    expect(routes).toEqual([{ name: 'decisions' }]);
  });

  it('has no axe violations, verified or broken', async () => {
    for (const verify of [verified(), broken(13)]) {
      const api = decisionApi('earned', { credential: {}, jwt: 'a.b.c' });
      api.overrides['audit.verify'] = () => verify;
      const { container, unmount } = renderWithApi(<DecisionScreen submissionId="sub-7" navigate={() => undefined} />, api);
      await within(await screen.findByRole('region', { name: 'Credential' })).findByRole('button', { name: 'Download JSON' });
      await waitFor(() => expect(screen.getByTestId('chain-badge').textContent).toMatch(/^Chain (verified|broken)/));
      expect(await axeViolations(container)).toEqual([]);
      unmount();
    }
  });
});
