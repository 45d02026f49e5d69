// Student work for the "Using Formative Assessment Data to Adjust Instruction" submissions;
// each sample matches what its submission's reflection says about it.
import type { WorkSpec } from './student-work.ts';

// The osmosis exit ticket (items 2 and 3; everyone answered item 1 correctly): 14 fully
// correct, 7 "salt pulls the water", 5 "the salt moves".
const OSMOSIS: string[] = [
  ...Array.from({ length: 14 }, (_, i) =>
    i % 2 === 0
      ? '2) out, to where there is less water  3) disagree, the water moves, not salt'
      : '2) out - lower water concentration outside  3) disagree, salt cannot pull',
  ),
  ...Array.from({ length: 7 }, () => '2) out of the cell  3) agree, the salt pulls the water out'),
  ...Array.from({ length: 5 }, (_, i) => (i % 2 === 0 ? '2) salt goes into the cell  3) agree' : '2) the salt moves in to balance it  3) agree, salt moves')),
];

export const FORMATIVE_WORK: WorkSpec[] = [
  {
    file: 'media/sub-02-student-work.pdf',
    title: 'Exit ticket: osmosis',
    course: 'Grade 10 biology - membrane transport, lesson 1',
    classSize: 26,
    items: [
      '1. What is osmosis?',
      '2. A cell with 1% salt inside is placed in a 10% salt solution. Which way does water move? Explain.',
      '3. A classmate says "the salt pulls the water out of the cell". Do you agree? Why or why not?',
    ],
    responses: OSMOSIS,
    teacherNotes: [
      'All three items correct: 14 of 26 (54%).',
      'Item 1: 26 of 26. Item 2 (direction): 21 of 26. Item 3: 14 of 26.',
      'Plan: reteach osmosis to the whole class with the textbook diagram, then practice set B.',
    ],
  },
  {
    file: 'media/sub-05-student-work.pdf',
    title: 'Exit ticket: is it proportional?',
    course: 'Grade 7 math - proportional relationships - after the hinge question',
    classSize: 27,
    items: [
      'Table C: x = 1, 2, 3, 4 and y = 4, 8, 12, 16. Table D: x = 1, 2, 3, 4 and y = 5, 7, 9, 11.',
      '1. Which table shows a proportional relationship?',
      '2. Explain using the constant of proportionality.',
    ],
    responses: [
      'C. y/x = 4 in every row, so k = 4.',
      'C, because 4/1 = 8/2 = 12/3 = 16/4.',
      'D, it goes up by 2 each time.',
      'C. Each row is times 4.',
      'C. The ratio is the same, 4. D has 5, 3.5, 3, 2.75.',
      'C, k = 4.',
      'C because it adds 4 each time.',
      'C. y = 4x.',
      'C. Unit rate 4 in each row, D has different unit rates.',
      'D. Same amount added.',
      'C, the ratio y to x stays 4.',
      'C. If you graph it, it starts at zero.',
    ],
    teacherNotes: [
      'Hinge question (whiteboards, mid-lesson): 18 of 27 chose the proportional table; 9 chose the "+3" table.',
      'Exit ticket: 25 of 27 chose C; 23 of 27 explained with a constant ratio or y = kx.',
      'Of the 9 in the small group: 7 now explain with the ratio; 2 still describe adding the same amount.',
      'Tomorrow: graph both tables for those 2 and look for the line through the origin.',
    ],
  },
  {
    file: 'media/sub-07-student-work.pdf',
    title: 'Quick checks: equations with the distributive property',
    course: 'Grade 9 algebra - multi-step equations - start and end of the lesson',
    classSize: 28,
    items: [
      'Check 1 (start): a) 3(x + 2) = 21  b) -2(x - 4) = 10  c) 5x - 2(x + 1) = 13',
      'Check 2 (end): -3(x - 5) = 12',
    ],
    responses: [
      'Check 1: a) x = 5  b) -2x - 8 = 10, x = -9  c) x = 5   Check 2: -3x + 15 = 12, x = 1',
      'Check 1: all correct (x = 5, x = -1, x = 5)   Check 2: x = 1',
      'Check 1: b) -2x - 8 = 10, x = -9   Check 2: -3x - 15 = 12, x = -9',
      'Check 1: c) 5x - 2x + 1 = 13, x = 4   Check 2: x = 1',
      'Check 1: all correct   Check 2: x = 1',
      'Check 1: b) x = -9 (sign)  c) combined 5x - 2 into 3x   Check 2: x = 1',
      'Check 1: a) x = 5  b) x = -1  c) x = 5   Check 2: x = 1',
      'Check 1: b) -2x - 8 = 10   Check 2: -3x + 15 = 12, x = 1',
      'Check 1: all correct   Check 2: x = 1',
      'Check 1: b) sign error, x = -9   Check 2: -3x - 15 = 12',
      'Check 1: c) 3x - 2 = 13, x = 5 (lucky)   Check 2: x = 1',
      'Check 1: all correct   Check 2: x = 1',
    ],
    teacherNotes: [
      'Check 1: 11 of 28 distributed a negative to the first term only (e.g. -2(x - 4) as -2x - 8).',
      'Check 1: 4 of 28 combined unlike terms (e.g. 5x - 2 as 3x).',
      'Plan: "find the mistake" worked example for pairs; algebra tiles with me for the group of 4.',
      'Check 2: 8 of the 11 now distribute the negative correctly; 3 still write -3x - 15.',
    ],
  },
  {
    file: 'media/sub-09-student-work.pdf',
    title: 'Exit tickets: comparing decimals',
    course: 'Grade 5 math - decimals to the thousandths - before and after the lesson',
    classSize: 24,
    items: [
      'Ticket 1: a) 0.5 or 0.45  b) 0.07 or 0.7  c) 1.26 or 1.3  d) Explain one answer using place value.',
      'Ticket 2 (end of the next lesson): 0.6 or 0.58? Explain.',
    ],
    responses: [
      'T1: a) 0.45  b) 0.7  c) 1.26  d) 45 is more than 5   T2: 0.6, 6 tenths is more than 5 tenths',
      'T1: all correct, d) 0.5 is 50 hundredths   T2: 0.6',
      'T1: a) 0.45  b) 0.07  c) 1.26   T2: 0.58, 58 is more',
      'T1: a) 0.5  b) 0.07  c) 1.3  d) zeros make it bigger   T2: 0.6',
      'T1: all correct   T2: 0.6, 60 hundredths vs 58 hundredths',
      'T1: a) 0.45  c) 1.26  d) longer number   T2: 0.6, I shaded the grid',
      'T1: all correct   T2: 0.6',
      'T1: a) 0.45  d) 45 is bigger than 5   T2: 0.6, tenths place',
      'T1: b) 0.07  d) 7 hundredths has more digits   T2: 0.6',
      'T1: all correct   T2: 0.6',
      'T1: a) 0.45  c) 1.26   T2: 0.58',
      'T1: all correct   T2: 0.6, 0.60 > 0.58',
    ],
    teacherNotes: [
      'Ticket 1, item a: 9 of 24 chose 0.45 ("45 is more than 5") - the "longer is larger" idea.',
      'Ticket 1: 3 other students erred only on items with zeros (0.07 and 0.7).',
      'Plan: number line and hundredths grids with the 9; zeros check-in with the 3; comparison game for the rest.',
      'Ticket 2: 7 of the 9 compared correctly and explained with tenths. Recheck the other 2 on Monday.',
    ],
  },
  {
    file: 'media/sub-11-student-work.pdf',
    title: 'Place value checklist: tens and ones',
    course: 'Grade 2 math - tens and ones - observation checklist and whiteboard check',
    classSize: 22,
    items: [
      'Round 1: build 46 with base-ten blocks and write how many tens and ones.',
      'Round 2 (end of lesson): build 63 on a whiteboard, write tens and ones.',
    ],
    responses: [
      'R1: 4 tens 6 ones, built with rods   R2: 6 tens 3 ones',
      'R1: 6 tens 4 ones (swapped)   R2: 6 tens 3 ones',
      'R1: counted 46 single cubes   R2: 6 tens 3 ones, used rods',
      'R1: 4 tens 6 ones   R2: 6 tens 3 ones',
      'R1: 6 tens 4 ones (swapped)   R2: 3 tens 6 ones (swapped)',
      'R1: 4 tens 6 ones   R2: 6 tens 3 ones',
      'R1: counted single cubes   R2: 6 tens 3 ones',
      'R1: 6 tens 4 ones (swapped)   R2: 6 tens 3 ones',
      'R1: 4 tens 6 ones   R2: 6 tens 3 ones',
      'R1: 4 tens 6 ones   R2: 6 tens 3 ones',
      'R1: counted single cubes   R2: 6 tens 3 ones, counted rods by tens',
      'R1: 6 tens 4 ones (swapped)   R2: 6 tens 3 ones',
    ],
    teacherNotes: [
      'Round 1: 14 of 22 correct; 5 swapped tens and ones; 3 counted every cube without using tens.',
      'Groups: place-value mat with me (5), straw bundles for counting by tens (3), partner build-and-name (14).',
      'Round 2: 4 of the 5 placed the digits correctly; all 3 in the straws group used rods.',
    ],
  },
];
