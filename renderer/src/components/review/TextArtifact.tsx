import { useEffect, useState } from 'react';

/** A plain-text artifact, fetched through the media route and shown as text (never as HTML). */
export function TextArtifact({ src, title }: { src: string; title: string }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetch(src, { credentials: 'include' })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((t) => !cancelled && setText(t), (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [src]);
  if (error) return <p role="alert">Could not open {title}: {error}</p>;
  return <div className="text-artifact" tabIndex={0} aria-label={title}>{text ?? 'Loading…'}</div>;
}
