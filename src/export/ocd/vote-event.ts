import type { DelibRecord } from "../../model/record.js";
import { councilOf, deliberationUrl, type CouncilConfig } from "../council-config.js";

/** The options of an Open Civic Data vote count and of a named vote (those a council's minutes can state). */
export type OcdOption = "yes" | "no" | "abstain" | "not voting";

/**
 * An Open Civic Data VoteEvent (opencivicdata.org, as pupa's scrape.VoteEvent writes it), one per deliberation. Keys
 * are written in this order. `counts` holds only the counts the record states; `votes` the voters the minutes name.
 */
export interface OcdVoteEvent {
  identifier: string;
  motion_text: string;
  motion_classification: string[];
  start_date: string;
  result: "pass" | "fail";
  organization: string;
  legislative_session: string;
  counts: Array<{ option: OcdOption; value: number }>;
  votes: Array<{ option: OcdOption; voter_name: string }>;
  sources: Array<{ url: string; note: string }>;
  extras: { delib_id: string; source_path: string; source_sha256: string; format: string; unanimous: boolean | null };
}

export type VoteEventResult = { event: OcdVoteEvent } | { missing: string[] };

/**
 * The VoteEvent of a record, or what it lacks of what a VoteEvent requires (motion text, date, result, organization),
 * as "field: expected X, got none". `identifier` is the deliberation's number, or the record id when it has none;
 * `legislative_session` the sitting's date (a council has no legislative sessions; the sitting is what groups votes).
 * The source is DELIB_URL of the council config when it gives one, else the source document's path.
 */
export function voteEvent(record: DelibRecord, config: CouncilConfig | undefined): VoteEventResult {
  const entry = councilOf(config, record);
  const organization = entry?.COLL_NOM ?? record.council.name;
  const missing: string[] = [];
  if (record.title === null || record.title.trim() === "") missing.push("motion_text: expected the deliberation's title, got none");
  if (record.sitting.date === null) missing.push("start_date: expected the sitting's date, got none");
  if (record.vote.outcome === null) missing.push("result: expected the outcome (adopted or rejected), got none");
  if (organization === null || organization.trim() === "") missing.push("organization: expected the council's name, got none");
  if (missing.length > 0 || record.title === null || record.sitting.date === null || record.vote.outcome === null || organization === null) return { missing };
  const v = record.vote;
  const counts: OcdVoteEvent["counts"] = [];
  const addCount = (option: OcdOption, value: number | null): void => {
    if (value !== null) counts.push({ option, value });
  };
  addCount("yes", v.yes);
  addCount("no", v.no);
  addCount("abstain", v.abstain);
  addCount("not voting", v.notVoting);
  const votes: OcdVoteEvent["votes"] = [
    ...v.named.no.map((voter_name) => ({ option: "no" as const, voter_name })),
    ...v.named.abstain.map((voter_name) => ({ option: "abstain" as const, voter_name })),
    ...v.named.notVoting.map((voter_name) => ({ option: "not voting" as const, voter_name })),
  ];
  const url = deliberationUrl(entry, record);
  const sources = [url === null ? { url: record.source.path, note: `source document (path as read by delib), sha256 ${record.source.sha256}` } : { url, note: "deliberation as published by the council" }];
  return {
    event: {
      identifier: record.number ?? record.id,
      motion_text: record.title.replace(/\s+/gu, " ").trim(),
      motion_classification: [],
      start_date: record.sitting.date,
      result: v.outcome === "adopted" ? "pass" : "fail",
      organization: organization.trim(),
      legislative_session: record.sitting.date,
      counts,
      votes,
      sources,
      extras: { delib_id: record.id, source_path: record.source.path, source_sha256: record.source.sha256, format: record.format, unanimous: v.unanimous },
    },
  };
}

/** A file name for a record id: "d0d7061267ac6d8c#0" → "d0d7061267ac6d8c-0.json". */
export function voteEventFileName(id: string): string {
  return `${id.replace(/[^A-Za-z0-9._-]/gu, "-")}.json`;
}
