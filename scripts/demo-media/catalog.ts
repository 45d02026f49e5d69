// Everything the demo media generator produces, in one list, so the generator and the demo
// dataset test agree on which file comes from which recipe.
import { FORMATIVE_VIDEOS } from './video-specs-formative.ts';
import { QUESTIONING_VIDEOS } from './video-specs-questioning.ts';
import { FORMATIVE_WORK } from './work-specs-formative.ts';
import { QUESTIONING_WORK } from './work-specs-questioning.ts';

export const DEMO_VIDEOS = [...QUESTIONING_VIDEOS, ...FORMATIVE_VIDEOS];
export const DEMO_WORK = [...QUESTIONING_WORK, ...FORMATIVE_WORK];
