/**
 * Okabe and Ito's colour-blind-safe palette (Color Universal Design, 2008): eight colours told apart with any of
 * the common colour-vision deficiencies. Bands take them in this order; black is kept for text and lines.
 */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#000000', // black
] as const;

/** Deadlines and expiries, the marks a reader must not miss. */
export const HIGHLIGHT = '#D55E00';
/** Today's line. */
export const TODAY = '#000000';
/** Text and axes. */
export const INK = '#222222';
export const MUTED = '#666666';
