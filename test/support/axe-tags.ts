/** The axe-core rule tags every accessibility check in the suites runs (WCAG 2.2 AA and below). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
