/** How long a download's blob: URL stays valid: long enough for a slow save dialog to read it. */
const KEEP_URL_MS = 60_000;

/**
 * Saves text as a file through a Blob link. The same code works in the browser host and
 * in Electron (which shows its save dialog for a download link), with no file-system API.
 */
export function saveFile(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS);
}
