export { openStore, openStoreOrRecover, quarantine, type OpenStoreOptions } from './open-store.ts';
export * from './types.ts';
