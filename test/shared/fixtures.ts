import type { Rubric } from '../../shared/index.ts';

/** A small 5-point rubric with one criterion of each feedback rule. */
export const rubric5: Rubric = {
  id: 'rub-q',
  version: 1,
  title: 'Questioning',
  scale: { points: 5, labels: ['Beginning', 'Developing', 'Proficient', 'Accomplished', 'Exemplary'] },
  criteria: [
    { id: 'open', title: 'Open questions', description: 'Asks open questions', weight: 2, metLevel: 3, feedback: 'required', levels: ['a', 'b', 'c', 'd', 'e'] },
    { id: 'wait', title: 'Wait time', description: 'Gives wait time', weight: 1, metLevel: 3, feedback: 'required_below_met', levels: ['a', 'b', 'c', 'd', 'e'] },
    { id: 'build', title: 'Building on answers', description: 'Builds on answers', weight: 1, metLevel: 2, feedback: 'optional', levels: ['a', 'b', 'c', 'd', 'e'] },
  ],
  threshold: 3,
};
