/** The share of injected inconsistencies the checks must catch (issue 5's acceptance: ≥ 95 %). */
export const MIN_CAUGHT = 0.95;
