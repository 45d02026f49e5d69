import { lazy, Suspense } from 'react';
import type { LocalArtifact } from '../../../../shared/index.ts';
import { useApiQuery } from '../../hooks/useApiQuery.ts';
import { useMediaSlot } from '../../media/media-controller.ts';
import { percent } from '../../format.ts';
import { TextArtifact } from './TextArtifact.tsx';
import { VideoPlayer, type SeekRequest } from './VideoPlayer.tsx';

const PdfViewer = lazy(() => import('./PdfViewer.tsx'));

type Props = {
  artifact: LocalArtifact;
  captions: LocalArtifact | null;
  playbackRate: number;
  markers: readonly { atSec: number; text: string }[];
  seekRequest: SeekRequest;
};

function waitingText(artifact: LocalArtifact): string {
  const { state, error, bytesDone } = artifact.download;
  if (state === 'error') return `${artifact.filename} could not be downloaded${error ? `: ${error}` : ''}.`;
  if (state === 'not_kept') return `${artifact.filename} is not on this device: files are kept only while a review is open.`;
  return `${artifact.filename} is downloading (${percent(bytesDone, artifact.bytes)}%).`;
}

/** Shows one artifact with the viewer its kind needs, once it is on this device. */
export function EvidenceViewer({ artifact, captions, playbackRate, markers, seekRequest }: Props) {
  const slot = useMediaSlot();
  const ready = artifact.download.state === 'complete';
  const media = useApiQuery('media.url', { artifactId: artifact.id }, { enabled: ready, staleTime: Infinity });
  const captionsReady = captions?.download.state === 'complete';
  const captionsUrl = useApiQuery('media.url', { artifactId: captions?.id ?? 'none' }, { enabled: Boolean(captions && captionsReady), staleTime: Infinity });

  if (!ready) return <p className="evidence-waiting">{waitingText(artifact)}</p>;
  if (media.error) return <p role="alert">Could not open {artifact.filename}: {media.error.message}</p>;
  if (!media.data || (captions && captionsReady && !captionsUrl.data && !captionsUrl.error)) return <p className="evidence-waiting">Opening {artifact.filename}…</p>;
  const src = media.data.url;
  switch (artifact.kind) {
    case 'video':
      return (
        <VideoPlayer
          src={src}
          mediaType={artifact.mediaType}
          title={`Video: ${artifact.filename}`}
          captionsSrc={captionsUrl.data?.url ?? null}
          playbackRate={playbackRate}
          markers={markers}
          seekRequest={seekRequest}
          slot={slot}
        />
      );
    case 'document':
      return (
        <Suspense fallback={<p className="evidence-waiting">Opening {artifact.filename}…</p>}>
          <PdfViewer src={src} title={artifact.filename} seekRequest={seekRequest} slot={slot} />
        </Suspense>
      );
    case 'image':
      return <img className="image-artifact" src={src} alt={`Image: ${artifact.filename}`} />;
    default:
      return <TextArtifact src={src} title={artifact.filename} />;
  }
}
