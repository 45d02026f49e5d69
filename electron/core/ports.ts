import type { Settings, WorkstationApi } from '../../shared/index.ts';

/**
 * What the workstation core needs from its host. Electron supplies safeStorage- and
 * electron-store-backed versions (electron/main); the web host and tests supply plain-Node
 * ones (electron/core).
 */
export interface KeyProvider {
  /** The 32-byte key for media at rest, created on first use. */
  mediaKey(): Promise<Buffer>;
}

export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface SettingsStore {
  get(): Settings;
  set(patch: Partial<Settings>): Settings;
}

/** A media file ready to be served: status, headers and (for GET) the decrypted bytes. */
export type MediaResponse = { status: number; headers: Record<string, string>; body: AsyncIterable<Uint8Array> | null };

export type WorkstationOptions = {
  dataDir: string;
  keys: KeyProvider;
  secrets: SecretStore;
  settings: SettingsStore;
  /** How the UI reaches a media file: the host decides (assay://media/… or http://127.0.0.1/media/…). */
  mediaUrl: (artifactId: string) => string;
  /** The embedded demo hub, when the host started one. */
  demo?: { hubUrl: string; accounts: { username: string; password: string; label: string }[] } | null;
  /**
   * The hub this device may be signed in to now answers at another address (the demo hub
   * could not get its old port back): a session and owner at `from` move to `to` on start.
   */
  hubMoved?: { from: string; to: string } | null;
  deviceName: string;
  now?: () => Date;
};

export interface Workstation extends WorkstationApi {
  /** Serves one local artifact for the host's media route (Range-aware, decrypting on the fly). */
  media(artifactId: string, headers: { range?: string; ifRange?: string }, method: 'GET' | 'HEAD'): Promise<MediaResponse>;
  close(): Promise<void>;
}
