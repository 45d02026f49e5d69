import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { LocalArtifact, type Settings } from '../../shared/index.ts';
import { ReviewScreen } from '../../renderer/src/screens/review/Review.tsx';
import { SettingsScreen } from '../../renderer/src/screens/settings/Settings.tsx';
import { FakeApi } from './support/fake-api.ts';
import { makeView } from './support/fixtures.ts';
import { azertyUnshiftedDigit, LAYOUTS, press, stroke } from './support/layouts.ts';
import { renderWithApi } from './support/render.tsx';

const photo = LocalArtifact.parse({
  id: 'art-photo', kind: 'image', filename: 'anchor-chart-photo.jpg', mediaType: 'image/jpeg', bytes: 48_213,
  sha256: 'a'.repeat(64), download: { state: 'complete', bytesDone: 48_213 }, isNew: false,
});

function reviewApi(settings: Partial<Settings> = {}): FakeApi {
  const api = new FakeApi({ view: { ...makeView(), artifacts: [photo] }, settings });
  api.overrides['media.url'] = (input) => ({ url: `http://127.0.0.1:1/media/${String(input.artifactId)}` });
  return api;
}

async function openReview(api: FakeApi) {
  const view = renderWithApi(<ReviewScreen assignmentId="as-1" onDone={() => undefined} />, api);
  await screen.findByRole('group', { name: 'Questioning techniques' });
  return view;
}

const group = (name: string) => screen.getByRole('group', { name });
const radio = (groupName: string, level: number) =>
  within(group(groupName)).getByRole('radio', { name: new RegExp(`^${level} `) });
const shownKey = (sheet: HTMLElement, label: string) => within(sheet).getByText(label).previousElementSibling?.textContent;

describe.each(LAYOUTS)('the review on a %s keyboard', (layout) => {
  it('opens the cheat sheet from "?" and shows the keys as typed', async () => {
    await openReview(reviewApi());
    expect(screen.getByRole('button', { name: 'Shortcuts' }).getAttribute('aria-keyshortcuts')).toBe('?');
    press(stroke(layout, '?'), document.body);
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(shownKey(sheet, 'Show keyboard shortcuts')).toBe('?');
    expect(shownKey(sheet, 'One frame back')).toBe(',');
    expect(shownKey(sheet, 'One frame forward')).toBe('.');
    expect(shownKey(sheet, 'Back 10 seconds')).toBe('J');
    expect(shownKey(sheet, 'Play or pause')).toBe('Space');
    expect(shownKey(sheet, 'Next criterion')).toBe('↓');
  });

  it('scores criteria with the digit row and moves with ↑/↓', async () => {
    const api = reviewApi();
    await openReview(api);
    await userEvent.setup().click(radio('Questioning techniques', 1));
    press(stroke(layout, '4'));
    press({ key: 'ArrowDown', code: 'ArrowDown' });
    await waitFor(() => expect(group('Student discourse').contains(document.activeElement)).toBe(true));
    press(stroke(layout, '2'));
    await waitFor(() => expect(api.draft.scores).toEqual({ 'c-questions': 4, 'c-discourse': 2 }));
  });

  it('adds a note with N, and Ctrl+S saves the typed feedback from the text field', async () => {
    const api = reviewApi();
    await openReview(api);
    const release = api.holdSaves();
    press(stroke(layout, 'n'), document.body);
    expect(await screen.findByLabelText('Note text')).toBeTruthy();
    const feedback = screen.getByLabelText('Feedback for Student discourse');
    await userEvent.setup().type(feedback, 'Pairs talked');
    expect(press({ ...stroke(layout, 's'), ctrlKey: true }, feedback)).toBe(true);
    release();
    await waitFor(() => expect(api.draft.criterionFeedback['c-discourse']).toBe('Pairs talked'));
  });

  it('opens the submit confirmation with Ctrl+Enter', async () => {
    await openReview(reviewApi());
    press({ key: 'Enter', code: 'Enter', ctrlKey: true }, document.body);
    expect(await screen.findByRole('dialog', { name: 'Submit review' })).toBeTruthy();
  });
});

describe('the review on a French keyboard', () => {
  it('scores with the digit row without Shift (& é " \' ( - è)', async () => {
    const api = reviewApi();
    await openReview(api);
    await userEvent.setup().click(radio('Reflection on practice', 1));
    press(azertyUnshiftedDigit(5));
    await waitFor(() => expect(api.draft.scores).toEqual({ 'c-reflection': 5 }));
  });
});

describe('remapping in Settings', () => {
  it('saves bindings as characters and the review follows them on other layouts', async () => {
    const api = new FakeApi({ settings: { shortcutMap: { rewind: 'shift+j', frameBack: 'semicolon' } } });
    api.overrides['settings.set'] = (input) => {
      api.settings = { ...api.settings, ...(input.patch as Partial<Settings>) };
      return api.settings;
    };
    const user = userEvent.setup();
    const { unmount } = renderWithApi(<SettingsScreen />, api);
    const next = await screen.findByLabelText('Next criterion');
    // The previous version's key codes are shown as the characters they typed.
    expect(screen.getByText('Shown as Shift+J')).toBeTruthy();
    expect(screen.getByText('Shown as ;')).toBeTruthy();
    await user.clear(next);
    await user.type(next, 'ö');
    const sheetKey = screen.getByLabelText('Show keyboard shortcuts');
    await user.clear(sheetKey);
    await user.type(sheetKey, 'shift+/');
    expect(document.getElementById('s-key-nextCriterion-shown')?.textContent).toBe('Shown as Ö');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved');
    expect(api.settings.shortcutMap).toEqual({ nextCriterion: 'ö', rewind: 'J', frameBack: ';' });
    unmount();

    await openReview(reviewApi(api.settings));
    await user.click(radio('Questioning techniques', 2));
    // ö is the Semicolon position on a German keyboard.
    press({ key: 'ö', code: 'Semicolon' });
    await waitFor(() => expect(group('Student discourse').contains(document.activeElement)).toBe(true));
    press({ key: 'ArrowDown', code: 'ArrowDown' });
    expect(group('Student discourse').contains(document.activeElement)).toBe(true);
    press(stroke('fr', '?'), document.body);
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(shownKey(sheet, 'Next criterion')).toBe('Ö');
    expect(shownKey(sheet, 'Back 10 seconds')).toBe('Shift+J');
  });

  it('refuses a key that is no binding, naming the action', async () => {
    const api = new FakeApi();
    const user = userEvent.setup();
    renderWithApi(<SettingsScreen />, api);
    const pause = await screen.findByLabelText('Pause');
    await user.clear(pause);
    await user.type(pause, 'shift+?');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Not a valid key: Pause');
    expect(api.calls.some((c) => c.method === 'settings.set')).toBe(false);
  });
});
