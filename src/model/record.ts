/** The record contract v1 (../shared/contract/RECORD.md), as TypeScript types. */
import type { Issue, Place } from "./issue.js";
import type { SourceKind } from "./document.js";

export const SCHEMA_VERSION = "1";

export interface Provenance extends Place {
  /** The exact substring of the assembled text at start..end. */
  text: string;
}

export interface PersonRef {
  name: string;
  civility?: string | null;
}

export type MemberStatus = "present" | "remote" | "absent";

export interface Member {
  name: string;
  civility: string | null;
  commune: string | null;
  status: MemberStatus;
  substitute?: PersonRef;
  proxyTo?: string;
}

export interface Proxy {
  from: string;
  to: string;
  text: string;
}

export interface AttendanceCounts {
  inOffice: number | null;
  present: number | null;
  remote: number | null;
  absent: number | null;
  proxies: number | null;
  /** "Votants" as printed: members present or represented. */
  voters: number | null;
}

export interface Attendance {
  counts: AttendanceCounts;
  members: Member[];
  proxies: Proxy[];
}

export interface Amount {
  value: number;
  /** "EUR"; "FRF" for amounts printed in francs (kept as printed, never converted). */
  currency: "EUR" | "FRF";
  label: string | null;
  text: string;
}

export interface Vote {
  yes: number | null;
  no: number | null;
  abstain: number | null;
  notVoting: number | null;
  unanimous: boolean | null;
  outcome: "adopted" | "rejected" | null;
  /** Those the minutes name as voting against, abstaining or not voting, resolved to member names. */
  named: { no: string[]; abstain: string[]; notVoting: string[] };
}

export interface Annex {
  title: string;
  page: number;
  /** Index of the annex this one is a copy of (src/annexes/), or null. */
  duplicateOf: number | null;
  /** The share of the two copies' words that align, in order (2·LCS / (N + M)), or null. */
  similarity: number | null;
}

export interface Budget {
  line: string | null;
  planned: number | null;
  operation: number | null;
}

/** What an ACTES identifier's last part says the act is: délibération, arrêté réglementaire or individuel, contrat, budget, autre. */
export type ActNature = "DE" | "AR" | "AI" | "CC" | "BF" | "AU";

/**
 * The stamp of the legality-control chain printed on the act (S²LOW, FAST, iXBus…; "certifié exécutoire"
 * mentions): its ACTES identifier, split into its parts, and the dates of each step, ISO, null when not printed.
 * `publishedAt` is the act's publicity, "Affiché le" before 1 July 2022 and "Publié le" since (ordonnance
 * 2021-1310: publication online replaced posting as the rule), one step under either word.
 */
export interface Prefecture {
  /** "025-242500049-20201109-2020_005418-DE", OCR slips repaired (O for 0, spaces around dashes). */
  id: string | null;
  /** The prefecture's department, 3 characters ("025", "02A"). */
  department: string | null;
  /** The SIREN of the collectivity that sent the act. */
  siren: string | null;
  /** The act's date as filed, ISO. */
  actDate: string | null;
  /** The act's number as filed (the platforms allow A–Z, 0–9 and "_": "2020/005418" is filed "2020_005418"). */
  actNumber: string | null;
  nature: ActNature | null;
  sentAt: string | null;
  receivedAt: string | null;
  publishedAt: string | null;
  executoryAt: string | null;
}

/** What a row of a budget table is: one of its lines, a subtotal of the lines above it, or the table's total. */
export type BudgetRowKind = "line" | "subtotal" | "total";

/** One label/amount row of a budget table, in printed order: "Frais de structure 205 000". */
export interface BudgetRow {
  label: string;
  /** The amount as a number (cents as decimals), in the table's own unit. */
  value: number;
  /** The amount as printed ("482 812", "994 312 € HT"). */
  text: string;
  kind: BudgetRowKind;
  /** The heading of the block the row sits in ("Financeurs publics"), or null. */
  group: string | null;
}

/** A label/amount table printed in a deliberation or its annexes ("Dépenses prévisionnelles (en € HT)"). */
export interface BudgetTable {
  /** The heading line above the table, or null when none is printed. */
  title: string | null;
  rows: BudgetRow[];
  /** The value of the total row, or null when the table prints none. */
  total: number | null;
}

export interface DelibRecord {
  schemaVersion: typeof SCHEMA_VERSION;
  id: string;
  source: { path: string; sha256: string; kind: SourceKind; pages: number };
  format: string;
  council: { name: string | null; body: string | null };
  sitting: {
    date: string | null;
    place: string | null;
    president: string | null;
    secretary: string | null;
    openedAt: string | null;
    closedAt: string | null;
    membersInOffice: number | null;
  };
  number: string | null;
  report: string | null;
  title: string | null;
  rapporteur: { name: string; role: string | null } | null;
  commission: string | null;
  budget: Budget | null;
  amounts: Amount[];
  vote: Vote;
  attendance: Attendance;
  signatory: { name: string; role: string | null } | null;
  annexes: Annex[];
  /** The prefecture's stamp printed on the act, null when none is. */
  prefecture: Prefecture | null;
  /** Label/amount tables of the deliberation and its annexes, duplicate copies of an annex left out. */
  budgetTables: BudgetTable[];
  provenance: Record<string, Provenance>;
  confidence: Record<string, number>;
  issues: Issue[];
}
