import type { Vocabulary } from "./types.js";

const MACRO = /\{\{([A-Z_]+)\}\}/g;
/** Macros may use macros; deeper than this is a cycle. */
const MAX_MACRO_DEPTH = 8;

/** Expands {{NAME}}-style macros (defined in rule files) inside a pattern. */
export function expandMacros(pattern: string, macros: Readonly<Record<string, string>>, ruleId: string): string {
  let out = pattern;
  for (let depth = 0; depth < MAX_MACRO_DEPTH; depth++) {
    if (!out.includes("{{")) return out;
    out = out.replace(MACRO, (_, name: string) => {
      const body = macros[name];
      if (body === undefined) throw new Error(`rule ${ruleId}: expected a macro {{${name}}}, got none defined`);
      return body;
    });
  }
  throw new Error(`rule ${ruleId}: macros nest deeper than ${MAX_MACRO_DEPTH} (a cycle?)`);
}

/** Compiles a rule pattern: "d" (indices), "g" and "u" always, plus the rule's own flags. */
export function compilePattern(pattern: string, flags: string | undefined, macros: Readonly<Record<string, string>>, ruleId: string): RegExp {
  const expanded = expandMacros(pattern, macros, ruleId);
  const all = new Set(["d", "g", "u", ...(flags ?? "")]);
  // A line start is also a page start, and a line end a page end: the assembled text separates pages with
  // "\f", which "^" and "$" ignore ("15 pour" ends page 2, "3/ Annulation …" starts page 3, "… 2021 26\f14 -
  // Renouvellement projet orchestre" puts item 14 at the top of page 27).
  const source = all.has("m") ? pageAwareAnchors(expanded) : expanded;
  try {
    return new RegExp(source, [...all].sort().join(""));
  } catch (e) {
    throw new Error(`rule ${ruleId}: expected a valid regular expression, got ${(e as Error).message}`);
  }
}

/** Every "^" and "$" of a pattern (outside classes, unescaped) also matches after and before a page break. */
function pageAwareAnchors(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === "\\") {
      out += c + (source[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    if (c === "$" && !inClass) out += "(?:$|(?=\f))";
    else if (c === "^" && !inClass) out += "(?:^|(?<=\f))";
    else out += c;
  }
  return out;
}

/** Vocabulary with every list present. */
export type FullVocabulary = Required<Vocabulary>;

export function mergeVocabulary(parent: FullVocabulary, child: Vocabulary | undefined): FullVocabulary {
  if (child === undefined) return parent;
  return {
    civilities: { ...parent.civilities, ...child.civilities },
    substituteMarkers: child.substituteMarkers ?? parent.substituteMarkers,
    substituteOfMarkers: child.substituteOfMarkers ?? parent.substituteOfMarkers,
    tableColumns: child.tableColumns ?? parent.tableColumns,
    proxyJoiners: child.proxyJoiners ?? parent.proxyJoiners,
    proxyMarkers: child.proxyMarkers ?? parent.proxyMarkers,
    proxySeparators: child.proxySeparators ?? parent.proxySeparators,
    signatureOpeners: child.signatureOpeners ?? parent.signatureOpeners,
    roleWords: child.roleWords ?? parent.roleWords,
    bodies: child.bodies ?? parent.bodies,
    proxyPairMarks: child.proxyPairMarks ?? parent.proxyPairMarks,
  };
}

export const EMPTY_VOCABULARY: FullVocabulary = {
  civilities: {},
  substituteMarkers: [],
  substituteOfMarkers: [],
  tableColumns: { member: [], commune: [], substitute: [], proxy: [], status: [] },
  proxyJoiners: [],
  proxyMarkers: [],
  proxySeparators: [],
  signatureOpeners: [],
  roleWords: [],
  bodies: [],
  proxyPairMarks: [],
};

/** Child rules first; a child rule with a parent rule's id replaces it. */
export function mergeById<T extends { id: string }>(parent: readonly T[], child: readonly T[] | undefined): T[] {
  if (child === undefined) return [...parent];
  const ids = new Set(child.map((r) => r.id));
  return [...child, ...parent.filter((r) => !ids.has(r.id))];
}
