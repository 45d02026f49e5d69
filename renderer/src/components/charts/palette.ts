import type { ColorScheme } from '../../hooks/useColorScheme.ts';

/**
 * Colours for charts drawn by Observable Plot, which the stylesheet's variables cannot reach.
 * The series are Okabe–Ito hues, told apart with the common colour-vision deficiencies, in a
 * shade per scheme that keeps 3:1 against the page; `other` is the grey for series that are
 * neither selected nor flagged when there are more series than hues.
 */
export type Palette = {
  ink: string;
  other: string;
  series: readonly string[];
  /**
   * The two ends of a diverging scale, Okabe–Ito blue and vermillion/orange: at or above a pass
   * mark is cool, below it warm; a lenient difference from the reference warm, a severe one cool.
   */
  cool: string;
  warm: string;
  /** A heatmap's empty and fullest cell, and the ink that reads on a full one. */
  heatLow: string;
  heatHigh: string;
  heatInk: string;
};

const SERIES = {
  light: ['#0072B2', '#B34700', '#007A5E', '#A34E80', '#8A6100'],
  dark: ['#56B4E9', '#E69F00', '#1FB88E', '#CC79A7', '#F0E442'],
} as const;

export const PALETTES: Record<ColorScheme, Palette> = {
  light: {
    ink: '#1b1f24', other: '#8a929c', series: SERIES.light, cool: SERIES.light[0], warm: SERIES.light[1],
    heatLow: '#ffffff', heatHigh: '#0072B2', heatInk: '#ffffff',
  },
  dark: {
    ink: '#e7eaee', other: '#6b7480', series: SERIES.dark, cool: SERIES.dark[0], warm: SERIES.dark[1],
    heatLow: '#1c2026', heatHigh: '#56B4E9', heatInk: '#14171b',
  },
};
