import type { Issue } from "../model/issue.js";
import type { DelibRecord } from "../model/record.js";
import { attendancePartition } from "./attendance-partition.js";
import { budgetOperationWithinPlanned } from "./budget-operation.js";
import { budgetTableSum } from "./budget-table-sum.js";
import { numberYearMatchesSitting } from "./number-year.js";
import { stampAfterSitting } from "./stamp-dates.js";
import { prefectureIdMatches, prefectureNature } from "./prefecture-id.js";
import { runCheck, type Check } from "./check.js";
import { proxyPresence } from "./proxy-presence.js";
import { proxyHolderLimit } from "./proxy-holder-limit.js";
import { voteWithinVoters } from "./vote-voters.js";
import { voteUnanimity } from "./vote-unanimity.js";
import { voteOutcome } from "./vote-outcome.js";
import { namesListed } from "./names-listed.js";
import { countsMatchLists } from "./count-listed.js";

/** Every consistency check, in the order their issues are listed. */
export const CHECKS: readonly Check[] = [
  attendancePartition,
  countsMatchLists,
  voteWithinVoters,
  voteUnanimity,
  voteOutcome,
  proxyPresence,
  proxyHolderLimit,
  namesListed,
  budgetOperationWithinPlanned,
  budgetTableSum,
  numberYearMatchesSitting,
  stampAfterSitting,
  prefectureIdMatches,
  prefectureNature,
];

export function runChecks(record: DelibRecord): Issue[] {
  return CHECKS.flatMap((c) => runCheck(c, record));
}
