// Binds the Workstation API to Electron's ipcMain. Electron-free (the ipcMain slice is an
// interface) so the sender check and the envelope are unit-tested without a runtime.
import { fail, isMethodName, type Result, type WorkstationApi, type WorkstationEvent } from '../../shared/index.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from './ipc-channels.ts';
import { isTrustedSender } from './security.ts';

export type IpcInvokeEvent = { senderFrame: { url: string } | null };
export type IpcMainSlice = {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
};
export type EventSink = { isDestroyed(): boolean; send(channel: string, event: WorkstationEvent): void };

type LooseCall = (method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * Answers CALL_CHANNEL with the result envelope. A frame that is not the app gets
 * `forbidden`; the workstation validates the input against the contract (`invalid`).
 */
export function handleIpcCall(api: WorkstationApi, event: IpcInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isTrustedSender(event.senderFrame)) {
    return Promise.resolve(fail('forbidden', 'This frame may not call the workstation.'));
  }
  if (typeof method !== 'string' || !isMethodName(method)) {
    return Promise.resolve(fail('unknown_method', `Unknown method: ${String(method)}`));
  }
  return (api.call as LooseCall)(method, input);
}

export function bindIpc(ipcMain: IpcMainSlice, api: WorkstationApi): void {
  ipcMain.handle(CALL_CHANNEL, (event, method, input) => handleIpcCall(api, event, method, input));
}

/** Forwards the core's events to a window until it closes; returns the unsubscribe. */
export function forwardEvents(api: WorkstationApi, target: EventSink): () => void {
  const unsubscribe = api.subscribe((event) => {
    if (target.isDestroyed()) unsubscribe();
    else target.send(EVENT_CHANNEL, event);
  });
  return unsubscribe;
}
