import type { EvidenceNote, Settings, SubmissionView } from '../../../../shared/index.ts';
import { EvidencePane } from './EvidencePane.tsx';
import type { useWorkspaceNavigation } from './useWorkspaceNavigation.ts';

type Props = {
  view: SubmissionView;
  nav: ReturnType<typeof useWorkspaceNavigation>;
  notes: readonly EvidenceNote[];
  settings: Settings;
  artifactName(artifactId: string): string;
};

const nothing = () => undefined;

/** The evidence of a task that reads other people's reads (adjudication, consensus): the readers' notes shown, none added. */
export function ReadOnlyEvidence({ view, nav, notes, settings, artifactName }: Props) {
  return (
    <EvidencePane
      submission={view.submission} artifacts={view.artifacts} isResubmission={false} earlier={null} selected={nav.selected} onSelect={nav.setSelected}
      playbackRate={settings.playbackRate} notes={notes} seekRequest={nav.seekRequest} readOnly composer={null} criteria={view.rubric.criteria}
      activeCriterionId={nav.activeCriterion?.id ?? null} onStartNote={nothing} onSaveNote={nothing} onCancelNote={nothing}
      onRemoveNote={nothing} onNoteSelect={nav.selectNote} artifactName={artifactName}
    />
  );
}
