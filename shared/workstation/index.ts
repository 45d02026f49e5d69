export * from './contract.ts';
export * from './settings.ts';
export * from './types.ts';
export * from './shortcut-binding.ts';
export * from './calibration.ts';
