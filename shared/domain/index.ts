export * from './ids.ts';
export * from './rubric.ts';
export * from './micro-credential.ts';
export * from './submission.ts';
export * from './review.ts';
export * from './assignment.ts';
export * from './audit.ts';
export * from './user.ts';
