import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { PolicyScreen } from '../../renderer/src/screens/policy/Policy.tsx';
import { expectNoAxeViolations, useScheme } from './support/axe.ts';
import { microCredential } from './support/calibration-fixtures.ts';
import { FakeApi, FakeFailure } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';

function policyApi(): FakeApi {
  const api = new FakeApi();
  const mc = microCredential('mc-q', 'Questioning');
  api.overrides['policy.list'] = () => ({ microCredentials: [mc] });
  api.overrides['policy.update'] = (input) => ({ microCredential: { ...mc, policy: { ...mc.policy, ...(input.patch as object) } } });
  return api;
}

async function setField(label: string, value: string) {
  const user = userEvent.setup();
  const field = await screen.findByLabelText(label);
  await user.clear(field);
  await user.type(field, value);
}

const updates = (api: FakeApi) => api.calls.filter((c) => c.method === 'policy.update').map((c) => c.input as { microCredentialId: string; patch: Record<string, Record<string, unknown>> });

describe('the Policy panel', () => {
  it('reads the policy into the form and sends a changed one whole', async () => {
    const api = policyApi();
    renderWithApi(<PolicyScreen />, api);
    expect((await screen.findByLabelText('Pass mark (0 to 1)') as HTMLInputElement).value).toBe('0.8');
    expect((screen.getByLabelText('Review due within (days)') as HTMLInputElement).value).toBe('7');
    await setField('Pass mark (0 to 1)', '0.9');
    await userEvent.setup().selectOptions(screen.getByLabelText('Measure'), 'adjacent');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Saved. The policy applies to work that arrives from now on.');
    const [sent] = updates(api);
    expect(sent?.microCredentialId).toBe('mc-q');
    expect(sent?.patch.calibration).toMatchObject({ passMark: 0.9, measure: 'adjacent', itemsPerAttempt: 3 });
    expect(sent?.patch.validity).toEqual({ rate: 0, window: 10 });
  });

  it('refuses an out-of-range value next to its field, without asking the hub', async () => {
    const api = policyApi();
    renderWithApi(<PolicyScreen />, api);
    await setField('Pass mark (0 to 1)', '1.5');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save policy' }));
    const field = screen.getByLabelText('Pass mark (0 to 1)');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(/<=1/);
    expect(updates(api)).toEqual([]);
  });

  it('shows the hub\'s 422 field errors next to the field they name', async () => {
    const api = policyApi();
    api.overrides['policy.update'] = () => new FakeFailure('invalid', 'policy is invalid', [{ path: 'calibration.retakeAfterHours', message: 'must be at most 8760' }]);
    renderWithApi(<PolicyScreen />, api);
    await screen.findByLabelText('Retake after (hours)');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save policy' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Some values are not valid; see the marked fields.');
    const field = screen.getByLabelText('Retake after (hours)');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe('must be at most 8760');
  });

  it.each(['light', 'dark'] as const)('is axe-clean in the %s scheme', async (scheme) => {
    useScheme(scheme);
    const { container } = renderWithApi(<PolicyScreen />, policyApi());
    await screen.findByLabelText('Pass mark (0 to 1)');
    await expectNoAxeViolations(container, `policy (${scheme})`);
  });
});
