/** The shape of rule files (rules/common/*.json, rules/formats/*.json). Rules are data; behaviour lives in src/. */

/** Where in a document a rule looks. */
export type Scope = "header" | "deliberation" | "document";

/** How one field is read from a match: a named group (normalised), or a constant the match implies. */
export interface Capture {
  group?: string;
  value?: string | number | boolean;
  normalize?: string;
}

export interface FieldRuleExample {
  text: string;
  expect: Record<string, string | number | boolean>;
}

/** A rule that reads one or more fields (dotted record paths) from a regular expression. */
export interface FieldRule {
  id: string;
  description?: string;
  scope: Scope;
  pattern: string;
  /** Extra RegExp flags ("i", "m"); "d", "g" and "u" are always on. */
  flags?: string;
  /**
   * "start": only a match at the start of the scope counts (a segment's own heading, not later lines);
   * "first": only the first match counts (later mentions are references, not conflicting values).
   */
  at?: "start" | "first";
  captures: Record<string, Capture>;
  /** How sure a match makes us, 0..1. */
  confidence: number;
  examples: FieldRuleExample[];
  /** Texts the rule must not match. */
  counterExamples: string[];
}

/** What a heading opens. */
export type SectionKind = "present" | "remote" | "absent" | "proxies" | "secretary" | "other";

/** A heading that opens a section of the sitting header (attendance lists, proxies…). */
export interface SectionRule {
  id: string;
  kind: SectionKind;
  pattern: string;
  flags?: string;
  examples: string[];
  counterExamples: string[];
}

/** A pattern that marks where a segment starts (a deliberation, an attached document). */
export interface BoundaryRule {
  id: string;
  pattern: string;
  /** What the segment is called when its heading line does not say ("Entre" opens a convention). */
  title?: string;
  /**
   * "weak" starts (a numbered item "1. …") are used only when no strong one is found in the document,
   * and only for segments holding a decision (rules "decision"): an agenda line is no deliberation.
   */
  strength?: "strong" | "weak";
  /** Keep a start only when its segment holds a decision (a table of contents repeats the headings). */
  needsDecision?: boolean;
  /** For named-vote rules: whose names follow ("no", "abstain", "notVoting"); for movement rules: "arrival" or "departure". */
  kind?: "no" | "abstain" | "notVoting" | "arrival" | "departure";
  /**
   * For sub-decision rules: the sub-heading only names what is decided ("SHAARL (Société d’Histoire …)" under
   * "Adhésion aux associations"): the record's title is the item's heading, a dash, then the sub-heading.
   */
  underItem?: boolean;
  /** For amount rules: the currency the match is in ("EUR"; "FRF" for francs, never converted). */
  currency?: "EUR" | "FRF";
  flags?: string;
  examples: string[];
  counterExamples: string[];
}

export interface DetectRule {
  id: string;
  pattern: string;
  flags?: string;
  weight: number;
}

export interface Vocabulary {
  /** Civilities before a name ("M.", "Mme"…), with the form they are written in records. */
  civilities?: Record<string, string>;
  /** Phrases introducing a member's substitute ("représenté par son suppléant"). */
  substituteMarkers?: string[];
  /** Phrases after a person who sits for another: "Yves MEUNIER (Suppléant Laurence BOYER)" → BOYER, substituted by MEUNIER. */
  substituteOfMarkers?: string[];
  /**
   * Column headings of attendance tables, by what their cells hold: the member, their commune, a substitute,
   * a proxy's holder, or a status ("Présent", "Pouvoir à X", "Représenté par le suppléant").
   */
  tableColumns?: { member: string[]; commune: string[]; substitute: string[]; proxy: string[]; status: string[] };
  /** Phrases between a member and the holder of their proxy inside a member list ("donne pouvoir à", "(pouvoir à"). */
  proxyMarkers?: string[];
  /** Words joining a proxy's giver and holder ("à", "donne pouvoir à"). */
  proxyJoiners?: string[];
  /** Words separating two proxies besides commas ("et"). */
  proxySeparators?: string[];
  /** Lines that open the signature block ("Pour extrait conforme"). */
  signatureOpeners?: string[];
  /** Deliberating bodies as records write them ("Conseil municipal"): a printed "CONSEIL MUNICIPAL" takes this form. */
  bodies?: string[];
  /** Words that make a line a role ("Président", "Maire"…). */
  roleWords?: string[];
  /**
   * What opens a proxy mark in parentheses, closed by stars or a number: "Jean-Pierre (Pr*)" among the
   * present and "David (Pr*)" among the absent make a proxy from David to Jean-Pierre.
   */
  proxyPairMarks?: string[];
}

/**
 * What reads label/amount tables (src/extract/budget-tables.ts). Every rule is matched against one line;
 * a list of a child file replaces the parent's rule of the same id.
 */
export interface BudgetTableRules {
  /** A line naming the table below it: "Dépenses prévisionnelles (en € HT)". */
  titles?: BoundaryRule[];
  /** A row: a label, then one amount closing the line; groups "label", "amount" and "digits". */
  rows?: BoundaryRule[];
  /** A row label naming a total: "TOTAL", "Total recettes" (one followed by more rows is a subtotal). */
  totals?: BoundaryRule[];
  /** A row label naming a subtotal wherever it stands: "Sous-total". */
  subtotals?: BoundaryRule[];
  /** A line heading a block of rows inside a table: "Financeurs publics"; group "group". */
  groups?: BoundaryRule[];
  /** A line of column headings inside a table, read as nothing: "Types de dépenses". */
  columns?: BoundaryRule[];
}

/** One rule file as written on disk. */
export interface RuleFile {
  $comment?: string;
  id: string;
  version: number;
  extends?: string;
  description?: string;
  detect?: DetectRule[];
  macros?: Record<string, string>;
  vocabulary?: Vocabulary;
  fields?: FieldRule[];
  sections?: SectionRule[];
  deliberationStart?: BoundaryRule[];
  attachmentStart?: BoundaryRule[];
  signatureStart?: BoundaryRule[];
  amount?: BoundaryRule[];
  /** What shows that a council decided something: a vote, "après en avoir délibéré", "adopté". */
  decision?: BoundaryRule[];
  /** Where the names of those who voted against, abstained or did not vote begin. */
  namedVotes?: BoundaryRule[];
  /**
   * Headings of separate votes inside one item ("Vote des comptes de gestion 2020 :" then "15 pour"), group
   * "title": an item holding two or more gives one record per vote.
   */
  subDecisions?: BoundaryRule[];
  /**
   * Lettered items inside a numbered one ("a. Acquisition d’une désherbeuse."), groups "label" and "title": an
   * item holding two or more that are decided each gives one record per letter (src/segment/sub-items.ts).
   */
  subItems?: BoundaryRule[];
  /** Members arriving or leaving during the sitting ("Arrivée de M. X", "Mme Y quitte la séance"); group "names". */
  movements?: BoundaryRule[];
  /** Who presides from here on ("Madame Danielle MAREC prend la présidence", "M. X a été proclamé Maire"); group "name". */
  presidency?: BoundaryRule[];
  /**
   * An act an item cites that is not its decision: another body's deliberation it reports ("Le bureau
   * communautaire, après en avoir délibéré à l'unanimité :", group "body" naming that body), a visa ("Vu le
   * Code …"). A vote printed on its line is not the item's.
   */
  citedActs?: BoundaryRule[];
  /** A page's mark of its place ("Page 18 sur 49"); groups "page" and "of". */
  pageMarks?: BoundaryRule[];
  /**
   * The prefecture's stamp ("Reçu en préfecture le 12/11/2020", "ID : 025-242500049-20201109-2020_005418-DE"):
   * field rules reading `prefecture.*` paths, run by src/extract/prefecture.ts over the text a deliberation's
   * stamp may lie in (not by the record's field pass, whose scopes do not fit a stamp repeated on every page).
   */
  stamps?: FieldRule[];
  budgetTables?: BudgetTableRules;
}
