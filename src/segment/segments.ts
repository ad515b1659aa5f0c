import type { Range } from "../extract/candidate.js";
import type { SectionKind } from "../rules/types.js";
import type { CutShort } from "./truncation.js";

/** A heading of the sitting header and the text it governs (up to the next heading). */
export interface Section {
  kind: SectionKind;
  ruleId: string;
  heading: Range;
  body: Range;
}

/** Something attached after a deliberation's decision: a convention, an annex. */
export interface Attachment {
  range: Range;
  /** The heading line, e.g. "Annexe 2 : budget prévisionnel du programme 2020". */
  titleRange: Range;
  /** The boundary rule's own title, when its heading line is no title ("Entre" → "Convention"). */
  title: string | null;
  ruleId: string;
}

export interface DeliberationSegment {
  range: Range;
  /**
   * One vote of an item holding several ("1/ Présentation du budget" … "Vote des comptes de gestion 2020 :
   * 15 pour"): the item's heading line (its number) and the vote's own heading (its title).
   */
  item?: { heading: Range; title: Range; underItem?: boolean; label?: string };
  /** From the deliberation's start to its first attachment: number, title, decision, vote, signature. */
  body: Range;
  attachments: Attachment[];
}

/** A document cut into its parts; every range indexes the matching view. */
export interface Segments {
  header: Range;
  sections: Section[];
  deliberations: DeliberationSegment[];
  /** Set when the text stops before the document's last page ("Page 18 sur 49" its last page mark). */
  cutShort?: CutShort;
}
