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
  provenance: Record<string, Provenance>;
  confidence: Record<string, number>;
  issues: Issue[];
}
