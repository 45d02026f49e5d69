import type { DownloadsStatus } from '../../../shared/index.ts';
import type { EventBus } from '../events/event-bus.ts';
import type { OutboxSender } from '../outbox/sender.ts';
import type { SettingsStore, WorkstationOptions } from '../ports.ts';
import type { Store } from '../store/types.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';
import type { Auth } from './auth.ts';

/** Everything the handlers work with; assembled by createWorkstation. */
export type HandlerContext = {
  store: Store;
  bus: EventBus;
  settings: SettingsStore;
  auth: Auth;
  sync: SyncEngine;
  sender: OutboxSender;
  downloads: { status(): DownloadsStatus };
  mediaUrl: WorkstationOptions['mediaUrl'];
  demo: NonNullable<WorkstationOptions['demo']> | null;
  deviceName: string;
  now: () => Date;
};
