// The two IPC channels between preload and main: one invoke channel for every API call, one
// push channel for events. Shared by both sides so the names cannot drift.
export const CALL_CHANNEL = 'assay:call';
export const EVENT_CHANNEL = 'assay:event';
