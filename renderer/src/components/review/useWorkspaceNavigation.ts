import { useState } from 'react';
import type { EvidenceNote, SubmissionView } from '../../../../shared/index.ts';
import { REFLECTION } from './EvidenceList.tsx';
import { focusCriterion } from './RubricPanel.tsx';
import type { SeekRequest } from './VideoPlayer.tsx';

function firstEvidence(view: SubmissionView): string {
  const video = view.artifacts.find((a) => a.kind === 'video');
  return (video ?? view.artifacts.find((a) => a.kind !== 'captions'))?.id ?? REFLECTION;
}

/**
 * Where the reader is in a workspace (the review, adjudication and consensus screens share
 * it): the evidence shown, the criterion with focus, and the seek a clicked note asks for.
 */
export function useWorkspaceNavigation(view: SubmissionView) {
  const criteria = view.rubric.criteria;
  const [selected, setSelected] = useState(() => firstEvidence(view));
  const [active, setActive] = useState(0);
  const [seekRequest, setSeekRequest] = useState<SeekRequest>(null);

  const moveCriterion = (delta: number) => {
    const next = Math.min(criteria.length - 1, Math.max(0, active + delta));
    setActive(next);
    focusCriterion((criteria[next] as { id: string }).id);
  };
  const selectNote = (note: EvidenceNote) => {
    const position = note.atSec ?? note.page;
    if (note.artifactId !== selected) setSelected(note.artifactId);
    if (position !== undefined) setSeekRequest({ artifactId: note.artifactId, position, seq: (seekRequest?.seq ?? 0) + 1 });
  };
  return { selected, setSelected, active, setActive, activeCriterion: criteria[active] ?? null, seekRequest, moveCriterion, selectNote };
}
