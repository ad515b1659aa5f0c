/**
 * `npm run mutate`: the mutation test of the consistency checks over the corpus (src/eval/mutation-run.ts),
 * printed as a table. Exit 1 when fewer than MIN_CAUGHT of the mutants are caught.
 */
import { MIN_CAUGHT } from "../eval/mutation-target.js";
import { renderMutationReport, runMutations } from "../eval/mutation-run.js";

const report = await runMutations();
process.stdout.write(renderMutationReport(report));
process.exitCode = report.rate !== null && report.rate >= MIN_CAUGHT ? 0 : 1;
