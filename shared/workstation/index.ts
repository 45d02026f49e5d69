export * from './contract.ts';
export * from './settings.ts';
export * from './types.ts';
