import './support/cleanup.ts';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { LocalArtifact, type Submission } from '../../shared/index.ts';
import { EvidencePane } from '../../renderer/src/components/review/EvidencePane.tsx';
import { REFLECTION, type EarlierEvidence } from '../../renderer/src/components/review/EvidenceList.tsx';
import { FakeApi } from './support/fake-api.ts';
import { makeView, rubric } from './support/fixtures.ts';
import { renderWithApi } from './support/render.tsx';

const photo = LocalArtifact.parse({
  id: 'art-photo', kind: 'image', filename: 'anchor-chart-photo.jpg', mediaType: 'image/jpeg', bytes: 48_213,
  sha256: 'a'.repeat(64), download: { state: 'complete', bytesDone: 48_213 }, isNew: false,
});

type HarnessProps = { submission: Submission; initial: string; artifacts?: LocalArtifact[]; earlier?: EarlierEvidence | null };

function Harness({ submission, initial, artifacts = [photo], earlier = null }: HarnessProps) {
  const [selected, setSelected] = useState(initial);
  const ignore = () => undefined;
  return (
    <EvidencePane
      submission={submission} artifacts={artifacts} isResubmission={earlier !== null} earlier={earlier} selected={selected} onSelect={setSelected}
      playbackRate={1} notes={[]} seekRequest={null} readOnly={false} composer={null} criteria={rubric.criteria}
      activeCriterionId={null} onStartNote={ignore} onSaveNote={ignore} onCancelNote={ignore} onRemoveNote={ignore}
      onNoteSelect={ignore} artifactName={(id) => id}
    />
  );
}

function apiServingMedia(): FakeApi {
  const api = new FakeApi();
  api.overrides['media.url'] = (input) => ({ url: `http://127.0.0.1:1/media/${String(input.artifactId)}` });
  return api;
}

describe('evidence pane', () => {
  it('shows the reflection text, then an image artifact as an image named after its file', async () => {
    const api = apiServingMedia();
    const { submission } = makeView();
    renderWithApi(<Harness submission={submission} initial={REFLECTION} />, api);
    const reflection = screen.getByRole('article', { name: 'Reflection' });
    expect(within(reflection).getByText('I tried wait time after each question.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();

    const items = screen.getByRole('navigation', { name: 'Evidence items' });
    await userEvent.setup().click(within(items).getByRole('button', { name: /anchor-chart-photo\.jpg/ }));
    const image = await screen.findByRole('img', { name: 'Image: anchor-chart-photo.jpg' });
    expect(image.tagName).toBe('IMG');
    expect(image.getAttribute('src')).toBe('http://127.0.0.1:1/media/art-photo');
    expect(screen.queryByRole('article', { name: 'Reflection' })).toBeNull();
    expect(api.calls.filter((c) => c.method === 'media.url').map((c) => c.input)).toEqual([{ artifactId: 'art-photo' }]);
    expect(within(items).getByRole('button', { name: /anchor-chart-photo\.jpg/ }).getAttribute('aria-current')).toBe('true');
  });

  it('says so when the candidate wrote no reflection', () => {
    const { submission } = makeView();
    renderWithApi(<Harness submission={{ ...submission, reflection: '' }} initial={REFLECTION} />, apiServingMedia());
    expect(screen.getByRole('article', { name: 'Reflection' }).textContent).toContain('The candidate wrote no reflection.');
  });

  it('waits for an image that is still downloading instead of showing a broken picture', () => {
    const { submission } = makeView();
    const api = apiServingMedia();
    const loading = LocalArtifact.parse({ ...photo, download: { state: 'downloading', bytesDone: 24_000 } });
    renderWithApi(<Harness submission={submission} initial="art-photo" artifacts={[loading]} />, api);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('anchor-chart-photo.jpg is downloading (50%).')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'media.url')).toBe(false);
  });

  it('says a file of a closed review is not on this device instead of showing it as downloading', () => {
    const { submission } = makeView();
    const api = apiServingMedia();
    const gone = LocalArtifact.parse({ ...photo, download: { state: 'not_kept', bytesDone: 0 } });
    renderWithApi(<Harness submission={submission} initial="art-photo" artifacts={[gone]} />, api);
    expect(screen.getByText('anchor-chart-photo.jpg is not on this device: files are kept only while a review is open.')).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Evidence items' })).getByRole('button', { name: /anchor-chart-photo\.jpg/ }).textContent).toContain('(not on this device)');
    expect(api.calls.some((c) => c.method === 'media.url')).toBe(false);
  });

  it("lists the previous attempt's files apart, shows one for comparison and keeps notes to this attempt's evidence", async () => {
    const api = apiServingMedia();
    const { submission } = makeView();
    const oldChart = LocalArtifact.parse({ ...photo, id: 'art-old-chart', filename: 'first-chart.jpg', sha256: 'b'.repeat(64) });
    renderWithApi(<Harness submission={submission} initial="art-photo" earlier={{ attempt: 1, artifacts: [oldChart] }} />, api);
    const items = screen.getByRole('navigation', { name: 'Evidence items' });
    const earlierList = within(items).getByRole('list', { name: 'Attempt 1 (for comparison)' });
    expect(within(earlierList).getAllByRole('button').map((b) => b.textContent)).toEqual(['Imagefirst-chart.jpg']);
    expect(screen.getByRole('button', { name: 'Add note at current time' }).hasAttribute('disabled')).toBe(false);

    await userEvent.setup().click(within(earlierList).getByRole('button', { name: /first-chart\.jpg/ }));
    const image = await screen.findByRole('img', { name: 'Image: first-chart.jpg' });
    expect(image.getAttribute('src')).toBe('http://127.0.0.1:1/media/art-old-chart');
    expect(screen.getByRole('status').textContent).toBe("first-chart.jpg is from attempt 1, shown for comparison; notes belong to this attempt's evidence.");
    expect(screen.getByRole('button', { name: 'Add note at current time' }).hasAttribute('disabled')).toBe(true);
  });
});
