import type { LocalArtifact } from '../../../../shared/index.ts';
import { percent } from '../../format.ts';

export const REFLECTION = 'reflection';

/** Files of the previous attempt that this attempt did not carry over, for comparison. */
export type EarlierEvidence = { attempt: number; artifacts: readonly LocalArtifact[] };

type Props = {
  artifacts: readonly LocalArtifact[];
  selected: string;
  onSelect(id: string): void;
  showNew: boolean;
  earlier: EarlierEvidence | null;
};

const KIND_LABEL: Record<LocalArtifact['kind'], string> = { video: 'Video', document: 'Document', image: 'Image', text: 'Text', captions: 'Captions' };

function downloadNote(artifact: LocalArtifact): string | null {
  const { state, bytesDone } = artifact.download;
  if (state === 'complete') return null;
  if (state === 'error') return 'download failed';
  if (state === 'not_kept') return 'not on this device';
  return `downloading ${percent(bytesDone, artifact.bytes)}%`;
}

type ItemProps = { artifact: LocalArtifact; selected: string; onSelect(id: string): void; isNew: boolean };

function EvidenceItem({ artifact, selected, onSelect, isNew }: ItemProps) {
  const note = downloadNote(artifact);
  return (
    <li>
      <button type="button" aria-current={selected === artifact.id || undefined} onClick={() => onSelect(artifact.id)}>
        <span className="kind">{KIND_LABEL[artifact.kind]}</span>
        <span className="filename">{artifact.filename}</span>
        {isNew && <span className="badge badge-new">New</span>}
        {note && <span className="muted"> ({note})</span>}
      </button>
    </li>
  );
}

/** The submission's evidence, then the previous attempt's; captions are not listed (they belong to their video). */
export function EvidenceList({ artifacts, selected, onSelect, showNew, earlier }: Props) {
  const items = artifacts.filter((a) => a.kind !== 'captions');
  const earlierItems = earlier?.artifacts.filter((a) => a.kind !== 'captions') ?? [];
  return (
    <nav aria-label="Evidence items" className="evidence-list">
      <ul>
        {items.map((artifact) => (
          <EvidenceItem key={artifact.id} artifact={artifact} selected={selected} onSelect={onSelect} isNew={showNew && artifact.isNew} />
        ))}
        <li>
          <button type="button" aria-current={selected === REFLECTION || undefined} onClick={() => onSelect(REFLECTION)}>
            <span className="kind">Text</span>
            <span className="filename">Reflection</span>
          </button>
        </li>
      </ul>
      {earlier && earlierItems.length > 0 && (
        <>
          <h3 id="earlier-evidence" className="evidence-list-heading">Attempt {earlier.attempt} (for comparison)</h3>
          <ul aria-labelledby="earlier-evidence">
            {earlierItems.map((artifact) => (
              <EvidenceItem key={artifact.id} artifact={artifact} selected={selected} onSelect={onSelect} isNew={false} />
            ))}
          </ul>
        </>
      )}
    </nav>
  );
}
