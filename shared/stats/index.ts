export * from './types.ts';
export * from './confusion.ts';
export * from './measures.ts';
export * from './decisions.ts';
export * from './summary.ts';
export * from './quantiles.ts';
