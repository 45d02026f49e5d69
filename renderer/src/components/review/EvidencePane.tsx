import type { Criterion, EvidenceNote, LocalArtifact, Submission } from '../../../../shared/index.ts';
import { EvidenceList, REFLECTION, type EarlierEvidence } from './EvidenceList.tsx';
import { EvidenceViewer } from './EvidenceViewer.tsx';
import { NoteComposer, type NoteAnchor } from './NoteComposer.tsx';
import { NotesList } from './NotesList.tsx';
import type { SeekRequest } from './VideoPlayer.tsx';

type Props = {
  submission: Submission;
  artifacts: readonly LocalArtifact[];
  isResubmission: boolean;
  earlier: EarlierEvidence | null;
  selected: string;
  onSelect(id: string): void;
  playbackRate: number;
  notes: readonly EvidenceNote[];
  seekRequest: SeekRequest;
  readOnly: boolean;
  composer: NoteAnchor | null;
  criteria: readonly Criterion[];
  activeCriterionId: string | null;
  onStartNote(): void;
  onSaveNote(note: EvidenceNote): void;
  onCancelNote(): void;
  onRemoveNote(note: EvidenceNote): void;
  onNoteSelect(note: EvidenceNote): void;
  artifactName(id: string): string;
};

/** Left side of the review: what the candidate sent, the viewer, and the evidence notes. */
export function EvidencePane(props: Props) {
  const { artifacts, selected, earlier } = props;
  const current = artifacts.find((a) => a.id === selected) ?? null;
  const old = current ? null : (earlier?.artifacts.find((a) => a.id === selected) ?? null);
  const artifact = current ?? old;
  // A video's captions come from the same attempt as the video.
  const captions = artifact?.kind === 'video' ? ((old ? (earlier?.artifacts ?? []) : artifacts).find((a) => a.kind === 'captions') ?? null) : null;
  const markers = props.notes.filter((n) => n.artifactId === selected && n.atSec !== undefined).map((n) => ({ atSec: n.atSec as number, text: n.text }));
  // Notes are about the evidence under review, not about the earlier attempt's files.
  const canNote = !props.readOnly && current !== null && current.download.state === 'complete';
  return (
    <section aria-label="Evidence" className="pane pane-evidence">
      <EvidenceList artifacts={artifacts} selected={selected} onSelect={props.onSelect} showNew={props.isResubmission} earlier={earlier} />
      {old && earlier && (
        <p className="notice" role="status">
          {old.filename} is from attempt {earlier.attempt}, shown for comparison; notes belong to this attempt&apos;s evidence.
        </p>
      )}
      <div className="viewer">
        {selected === REFLECTION || !artifact ? (
          <article className="reflection" aria-label="Reflection" tabIndex={0}>
            <h2>Reflection</h2>
            <p>{props.submission.reflection || 'The candidate wrote no reflection.'}</p>
          </article>
        ) : (
          <EvidenceViewer artifact={artifact} captions={captions} playbackRate={props.playbackRate} markers={markers} seekRequest={props.seekRequest?.artifactId === selected ? props.seekRequest : null} />
        )}
      </div>
      {!props.readOnly && !props.composer && (
        <div className="note-bar">
          <button type="button" onClick={props.onStartNote} disabled={!canNote}>Add note at current time</button>
        </div>
      )}
      {props.composer && (
        <NoteComposer anchor={props.composer} criteria={props.criteria} defaultCriterionId={props.activeCriterionId} onSave={props.onSaveNote} onCancel={props.onCancelNote} />
      )}
      {props.notes.length > 0 && (
        <div className="all-notes">
          <h2>Notes</h2>
          <NotesList notes={props.notes} label="All notes" artifactName={props.artifactName} onSelect={props.onNoteSelect} onRemove={props.readOnly ? undefined : props.onRemoveNote} />
        </div>
      )}
    </section>
  );
}
