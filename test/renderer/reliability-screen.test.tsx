import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { ReliabilityScreen } from '../../renderer/src/screens/reliability/Reliability.tsx';
import { screenFor, SCREENS } from '../../renderer/src/screens/index.tsx';
import { expectNoAxeViolations, useScheme } from './support/axe.ts';
import { FakeApi, FakeFailure } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';
import { MICRO_CREDENTIALS, reliabilityReport } from './support/report-fixtures.ts';

function reportsApi(): FakeApi {
  const api = new FakeApi();
  api.overrides['policy.list'] = () => ({ microCredentials: MICRO_CREDENTIALS });
  api.overrides['reports.reliability'] = () => reliabilityReport();
  api.overrides['catalog.criteria'] = () => new FakeFailure('not_found', 'This device holds no rubric');
  return api;
}

const table = () => screen.getByRole('table', { name: /^Assessors/ });
const rowOf = (name: string) => within(table()).getByRole('row', { name: new RegExp(name) });
/** The data rows' header cells (assessor names) of a chart's data table. */
const namesIn = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('rowheader').map((c) => c.textContent);
/** Opens every chart's "Data table" disclosure (each table is rendered once opened). */
async function openDataTables() {
  for (const summary of screen.getAllByText('Data table')) fireEvent.click(summary);
  await waitFor(() => expect(['agreement-over-time-table', 'severity-table', 'confusion-table'].every((id) => screen.queryByTestId(id) !== null)).toBe(true));
}
const reliabilityCalls = (api: FakeApi) => api.calls.filter((c) => c.method === 'reports.reliability').map((c) => c.input as Record<string, unknown>);

describe('the Reliability screen', () => {
  it('is for staff and master raters only', () => {
    expect(SCREENS.find((s) => s.name === 'reliability')?.roles).toEqual(['staff', 'master_rater']);
    expect(screenFor({ name: 'reliability' }, ['master_rater']).entry.name).toBe('reliability');
    expect(screenFor({ name: 'reliability' }, ['assessor']).entry.name).toBe('queue');
  });

  it('asks for the first micro-credential over the last 12 months per month, and again when the bucket changes', async () => {
    const api = reportsApi();
    renderWithApi(<ReliabilityScreen />, api);
    await screen.findByRole('table', { name: /^Assessors/ });
    const [first] = reliabilityCalls(api);
    expect(first).toMatchObject({ microCredentialId: 'mc-formative-data', bucket: 'month' });
    expect(first?.to).toBeUndefined();
    const months = (Date.now() - Date.parse(String(first?.from))) / (30.44 * 86_400_000);
    expect(months).toBeGreaterThan(11.5);
    expect(months).toBeLessThan(12.1);
    await userEvent.setup().selectOptions(screen.getByLabelText('Per'), 'week');
    await waitFor(() => expect(reliabilityCalls(api).at(-1)).toMatchObject({ bucket: 'week', microCredentialId: 'mc-formative-data' }));
  });

  it('lists every assessor with n on each comparison and their flags in words', async () => {
    renderWithApi(<ReliabilityScreen />, reportsApi());
    await screen.findByRole('table', { name: /^Assessors/ });
    const priya = within(rowOf('Priya Natarajan')).getAllByRole('cell').map((c) => c.textContent);
    expect(priya.slice(0, 4)).toEqual(['25', '84%', expect.stringContaining('Not defined'), '+0.80']);
    expect(priya.at(-1)).toBe('Lenient on Analyzes the evidence (+0.80 levels, n = 25, vs master)');
    const jonas = within(rowOf('Jonas Weber')).getAllByRole('listitem').map((l) => l.textContent);
    expect(jonas).toEqual(['Drifting (0.19 below own earlier mean, n = 12, vs master)', 'Below the pass mark (70% < 80%, n = 12, vs master)']);
    expect(within(rowOf('Lee Park')).getAllByRole('cell').at(-1)?.textContent).toBe('None');
  });

  it('shows a measure with too little data as "—" with its reason reachable', async () => {
    renderWithApi(<ReliabilityScreen />, reportsApi());
    await screen.findByRole('table', { name: /^Assessors/ });
    const cells = within(rowOf('Lee Park')).getAllByRole('cell');
    const kappa = cells[2] as HTMLElement;
    expect(kappa.querySelector('[aria-hidden="true"]')?.textContent).toBe('—');
    expect(kappa.querySelector('[title]')?.getAttribute('title')).toBe('Not defined: every rating was the same level, so kappa is not defined');
    expect(kappa.querySelector('.visually-hidden')?.textContent).toBe('Not defined: every rating was the same level, so kappa is not defined');
    const peerExact = cells[5] as HTMLElement;
    expect(peerExact.textContent).toBe('—Not defined: no ratings in the period');
    expect(cells[4]?.textContent).toBe('0');
    await openDataTables();
    const severity = within(screen.getByTestId('severity-table')).getByRole('row', { name: /Lee Park Adjusts instruction/ });
    expect(within(severity).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Adjusts instruction', '0', '—Not defined: no ratings in the period']);
  });

  it('summarises each chart in words: who is flagged and the range', async () => {
    renderWithApi(<ReliabilityScreen />, reportsApi());
    await screen.findByRole('table', { name: /^Assessors/ });
    const caption = (name: string) => within(screen.getByRole('figure', { name })).getByText((_, e) => e?.tagName === 'FIGCAPTION').textContent;
    expect(caption('Agreement over time')).toBe('Exact agreement with master scores per month for 3 assessors, against a pass mark of 80%. Values range from 70% to 90%. Below the pass mark: Jonas Weber. Drifting: Jonas Weber.');
    expect(caption('Severity by criterion')).toContain('Flagged at 0.5 levels or more over at least 20 ratings: Priya Natarajan lenient on Analyzes the evidence (+0.80, n = 25).');
    expect(caption('Severity by criterion')).toContain('Differences range from −0.20 to +0.80 levels.');
    expect(caption('Confusion matrix against master scores')).toBe('65 ratings of all 3 assessors against master scores: 54 (83%) on the same level, 11 higher than the reference and 0 lower.');
  });

  it('selecting an assessor in the table filters every chart’s data table; "Show all assessors" resets', async () => {
    const user = userEvent.setup();
    renderWithApi(<ReliabilityScreen />, reportsApi());
    await screen.findByRole('table', { name: /^Assessors/ });
    expect(screen.queryByTestId('severity-table')).toBeNull();
    await openDataTables();
    expect(new Set(namesIn('agreement-over-time-table'))).toEqual(new Set(['Priya Natarajan', 'Jonas Weber', 'Lee Park']));
    await user.click(within(table()).getByRole('button', { name: 'Jonas Weber' }));
    expect(within(table()).getByRole('button', { name: 'Jonas Weber' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Charts show Jonas Weber only.');
    expect(namesIn('agreement-over-time-table')).toEqual(['Jonas Weber', 'Jonas Weber', 'Jonas Weber']);
    expect(namesIn('severity-table')).toEqual(['Jonas Weber', 'Jonas Weber']);
    const confusion = within(screen.getByTestId('confusion-table'));
    expect(within(confusion.getByRole('row', { name: /^Assessor level 4/ })).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '0', '6', '0', '0']);
    expect(screen.getByRole('figure', { name: 'Confusion matrix against master scores' }).textContent).toContain('36 ratings of Jonas Weber');
    // Only the selected line is drawn.
    expect(new Set([...screen.getByTestId('agreement-over-time').querySelectorAll('[data-key]')].map((e) => e.getAttribute('data-key')))).toEqual(new Set(['u-jonas']));
    await user.click(screen.getByRole('button', { name: 'Show all assessors' }));
    expect(screen.getByRole('status').textContent).toBe('Charts show all 3 assessors.');
    expect(namesIn('severity-table')).toHaveLength(6);
    expect(screen.queryByRole('button', { name: 'Show all assessors' })).toBeNull();
  });

  it('selects the assessor whose bar is clicked in the severity chart, which marks the lenient bar with its value', async () => {
    renderWithApi(<ReliabilityScreen />, reportsApi());
    await screen.findByRole('table', { name: /^Assessors/ });
    const bars = [...screen.getByTestId('severity-chart').querySelectorAll<SVGElement>('[data-key]')];
    const lenient = bars.filter((b) => Number(b.getAttribute('data-value')?.replace('−', '-')) >= 0.5);
    expect(lenient.map((b) => [b.getAttribute('data-key'), b.getAttribute('data-criterion'), b.getAttribute('data-value')])).toEqual([['u-priya', 'fa-analyzes', '+0.80']]);
    fireEvent.click(lenient[0] as SVGElement);
    await openDataTables();
    expect(screen.getByRole('status').textContent).toBe('Charts show Priya Natarajan only.');
    expect(namesIn('severity-table')).toEqual(['Priya Natarajan', 'Priya Natarajan']);
    expect(screen.getByTestId('severity-chart').querySelectorAll('[data-key]')).toHaveLength(2);
  });

  it('moves between assessors with ↑/↓/Home/End and selects with Enter', async () => {
    const user = userEvent.setup();
    renderWithApi(<ReliabilityScreen />, reportsApi());
    await screen.findByRole('table', { name: /^Assessors/ });
    within(table()).getByRole('button', { name: 'Priya Natarajan' }).focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Jonas Weber');
    await user.keyboard('{End}');
    expect(document.activeElement?.textContent).toBe('Lee Park');
    await user.keyboard('{ArrowDown}{Home}{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('Jonas Weber');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('status').textContent).toBe('Charts show Jonas Weber only.');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('status').textContent).toBe('Charts show all 3 assessors.');
  });

  it('draws the charts in the scheme’s colours and redraws them when the scheme switches', async () => {
    useScheme('light');
    renderWithApi(<ReliabilityScreen />, reportsApi());
    await screen.findByRole('table', { name: /^Assessors/ });
    const fill = () => screen.getByTestId('severity-chart').querySelector('[data-value="+0.80"]')?.getAttribute('fill');
    expect(fill()).toBe('#B34700');
    act(() => useScheme('dark'));
    expect(fill()).toBe('#E69F00');
    // Flagged lines get a hue; with every assessor shown the unflagged one is grey.
    const dotFill = (key: string) => screen.getByTestId('agreement-over-time').querySelector(`[data-key="${key}"]`)?.getAttribute('fill');
    expect(dotFill('u-lee')).toBe('#6b7480');
    expect(dotFill('u-priya')).not.toBe('#6b7480');
    act(() => useScheme('light'));
  });

  it('says plainly when the hub cannot be reached, and offers to try again', async () => {
    const api = reportsApi();
    api.overrides['reports.reliability'] = () => new FakeFailure('offline', 'The hub at http://127.0.0.1:1 cannot be reached, and staff screens work only online.');
    renderWithApi(<ReliabilityScreen />, api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The hub cannot be reached.');
    expect(alert.getAttribute('data-code')).toBe('offline');
    expect(screen.queryByRole('table')).toBeNull();
    api.overrides['reports.reliability'] = () => reliabilityReport();
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: /^Assessors/ })).toBeTruthy();
  });

  it.each(['light', 'dark'] as const)('is axe-clean in the %s scheme, with an assessor selected too', async (scheme) => {
    useScheme(scheme);
    const { container } = renderWithApi(<ReliabilityScreen />, reportsApi());
    await screen.findByRole('table', { name: /^Assessors/ });
    await expectNoAxeViolations(container, `reliability (${scheme})`);
    await userEvent.setup().click(within(table()).getByRole('button', { name: 'Priya Natarajan' }));
    await openDataTables();
    await expectNoAxeViolations(container, `reliability, one assessor, data tables open (${scheme})`);
    useScheme('light');
  });
});
