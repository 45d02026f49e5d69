// Exposes window.assay (the WorkstationApi) to the sandboxed renderer. Only two functions
// cross the bridge; ipcRenderer itself never does. Method names are checked here so a
// typo fails fast, and the main process checks everything again.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { fail, isMethodName, type WorkstationApi, type WorkstationEvent } from '../../shared/index.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../main/ipc-channels.ts';

const api: WorkstationApi = {
  call: (method, input) => {
    if (typeof method !== 'string' || !isMethodName(method)) return Promise.resolve(fail('unknown_method', `Unknown method: ${String(method)}`));
    return ipcRenderer.invoke(CALL_CHANNEL, method, input);
  },
  subscribe: (listener) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
    const relay = (_event: IpcRendererEvent, payload: WorkstationEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('assay', api);
