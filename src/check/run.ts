import type { Issue } from "../model/issue.js";
import type { DelibRecord } from "../model/record.js";
import { attendancePartition } from "./attendance-partition.js";
import { budgetOperationWithinPlanned } from "./budget-operation.js";
import { budgetTableSum } from "./budget-table-sum.js";
import { numberYearMatchesSitting } from "./number-year.js";
import { runCheck, type Check } from "./check.js";
import { proxyPresence } from "./proxy-presence.js";
import { proxyHolderLimit } from "./proxy-holder-limit.js";
import { voteWithinVoters } from "./vote-voters.js";
import { voteUnanimity } from "./vote-unanimity.js";
import { voteOutcome } from "./vote-outcome.js";

/** Every consistency check, in the order their issues are listed. */
export const CHECKS: readonly Check[] = [attendancePartition, voteWithinVoters, voteUnanimity, voteOutcome, proxyPresence, proxyHolderLimit, budgetOperationWithinPlanned, budgetTableSum, numberYearMatchesSitting];

export function runChecks(record: DelibRecord): Issue[] {
  return CHECKS.flatMap((c) => runCheck(c, record));
}
