import type { Candidate } from "../extract/candidate.js";
import { foldForMatch } from "../normalize/text.js";
import { samePerson } from "../names/resolve.js";
import type { Trail } from "./provenance.js";

/**
 * One value per path. Candidates come in rule order (format rules before common ones), then text order:
 * the first wins. A different value found elsewhere is a warning naming both places.
 */
export function choose(candidates: Candidate[], trail: Trail): Map<string, Candidate> {
  const chosen = new Map<string, Candidate>();
  const warned = new Set<string>();
  for (const c of candidates) {
    const best = chosen.get(c.path);
    if (best === undefined) {
      chosen.set(c.path, c);
      continue;
    }
    if (sameValue(best.value, c.value)) {
      // "Rapporteur M. Gaudin" then "cède la parole à monsieur Sylvain Gaudin": one person, the fuller name is kept.
      if (PERSON_PATHS.has(c.path) && fuller(c.value, best.value) && samePerson(String(best.value), String(c.value))) chosen.set(c.path, c);
      continue;
    }
    const key = `${c.path}\u0000${String(c.value)}`;
    if (warned.has(key)) continue;
    warned.add(key);
    const a = trail.sourcePlace(best.start, best.end);
    const b = trail.sourcePlace(c.start, c.end);
    trail.issue(
      "warning",
      "field.conflict",
      `Expected one value for ${c.path}, got ${JSON.stringify(best.value)} (${best.ruleId}, ${trail.where(a)}) and ${JSON.stringify(c.value)} (${c.ruleId}, ${trail.where(b)}): kept the first`,
      b,
    );
  }
  return chosen;
}

/** Fields holding one person's name: a later reading that gives more of it (the given name) is kept. */
const PERSON_PATHS: ReadonlySet<string> = new Set(["rapporteur.name", "sitting.president", "sitting.secretary"]);

/** True when `a` names the person with more words than `b` ("Sylvain Gaudin" against "Gaudin"). */
function fuller(a: Candidate["value"], b: Candidate["value"]): boolean {
  return typeof a === "string" && typeof b === "string" && a.trim().split(/\s+/u).length > b.trim().split(/\s+/u).length;
}

/** "Macé" and "Annick Macé", "2020/005418" and "2020/005418": one value read twice, not two values. */
function sameValue(a: Candidate["value"], b: Candidate["value"]): boolean {
  if (foldForMatch(String(a)) === foldForMatch(String(b))) return true;
  return typeof a === "string" && typeof b === "string" && samePerson(a, b);
}
