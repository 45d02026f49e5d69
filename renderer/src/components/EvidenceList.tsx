import type { LocalArtifact } from '../../../shared/index.ts';
import { percent } from '../format.ts';

export const REFLECTION = 'reflection';

type Props = {
  artifacts: readonly LocalArtifact[];
  selected: string;
  onSelect(id: string): void;
  showNew: boolean;
};

const KIND_LABEL: Record<LocalArtifact['kind'], string> = { video: 'Video', document: 'Document', image: 'Image', text: 'Text', captions: 'Captions' };

function downloadNote(artifact: LocalArtifact): string | null {
  const { state, bytesDone } = artifact.download;
  if (state === 'complete') return null;
  if (state === 'error') return 'download failed';
  return `downloading ${percent(bytesDone, artifact.bytes)}%`;
}

/** The submission's evidence; captions are not listed (they belong to their video). */
export function EvidenceList({ artifacts, selected, onSelect, showNew }: Props) {
  const items = artifacts.filter((a) => a.kind !== 'captions');
  return (
    <nav aria-label="Evidence items" className="evidence-list">
      <ul>
        {items.map((artifact) => {
          const note = downloadNote(artifact);
          return (
            <li key={artifact.id}>
              <button type="button" aria-current={selected === artifact.id || undefined} onClick={() => onSelect(artifact.id)}>
                <span className="kind">{KIND_LABEL[artifact.kind]}</span>
                <span className="filename">{artifact.filename}</span>
                {showNew && artifact.isNew && <span className="badge badge-new">New</span>}
                {note && <span className="muted"> ({note})</span>}
              </button>
            </li>
          );
        })}
        <li>
          <button type="button" aria-current={selected === REFLECTION || undefined} onClick={() => onSelect(REFLECTION)}>
            <span className="kind">Text</span>
            <span className="filename">Reflection</span>
          </button>
        </li>
      </ul>
    </nav>
  );
}
