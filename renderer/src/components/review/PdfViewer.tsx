/// <reference types="vite/client" />
import { useEffect, useRef, useState } from 'react';
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { MediaController, MediaSlot } from '../../media/media-controller.ts';
import type { SeekRequest } from './VideoPlayer.tsx';

GlobalWorkerOptions.workerSrc = workerUrl;

type Props = { src: string; title: string; seekRequest: SeekRequest; slot: MediaSlot };

/** A PDF rendered in the app (pdf.js on a canvas), one page at a time, with page navigation. */
export default function PdfViewer({ src, title, seekRequest, slot }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const pages = doc?.numPages ?? 0;

  useEffect(() => {
    const task = getDocument({ url: src, withCredentials: true });
    let cancelled = false;
    task.promise.then(
      (loaded) => {
        if (!cancelled) {
          setDoc(loaded);
          setPage(1);
        }
      },
      (err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [src]);

  useEffect(() => {
    if (!doc || !canvas.current) return undefined;
    const target = canvas.current;
    let cancelled = false;
    let renderTask: { cancel(): void; promise: Promise<void> } | null = null;
    void doc.getPage(page).then((p) => {
      if (cancelled) return;
      const width = target.parentElement?.clientWidth || 800;
      const base = p.getViewport({ scale: 1 });
      const scale = (width / base.width) * (window.devicePixelRatio || 1);
      const viewport = p.getViewport({ scale });
      target.width = viewport.width;
      target.height = viewport.height;
      renderTask = p.render({ canvas: target, viewport });
      renderTask.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      renderTask?.cancel();
    };
  }, [doc, page]);

  const pageRef = useRef(page);
  pageRef.current = page;
  useEffect(() => {
    const go = (n: number) => setPage((current) => (pages > 0 ? Math.min(pages, Math.max(1, Math.round(n))) : current));
    const controller: MediaController = {
      kind: 'document',
      position: () => pageRef.current,
      seekTo: go,
      togglePlay: () => undefined,
      pause: () => undefined,
      seekBy: (delta) => go(pageRef.current + Math.sign(delta)),
      stepFrames: (frames) => go(pageRef.current + frames),
    };
    slot.current = controller;
    return () => {
      if (slot.current === controller) slot.current = null;
    };
  }, [pages, slot]);

  useEffect(() => {
    if (seekRequest && pages > 0) setPage(Math.min(pages, Math.max(1, Math.round(seekRequest.position))));
  }, [seekRequest, pages]);

  if (error) return <p role="alert">Could not open {title}: {error}</p>;
  return (
    <div className="pdf-viewer">
      <div className="pdf-toolbar">
        <button type="button" onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1}>Previous page</button>
        <span aria-live="polite">Page {page} of {pages || '…'}</span>
        <button type="button" onClick={() => setPage((p) => Math.min(pages, p + 1))} disabled={page >= pages}>Next page</button>
      </div>
      <div className="pdf-page">
        <canvas ref={canvas} role="img" aria-label={`${title}, page ${page} of ${pages}`} />
      </div>
    </div>
  );
}
