import { budgetLineChanged } from "./budget-line-changed.js";
import { dateChanged } from "./date-changed.js";
import { memberDropped } from "./member-dropped.js";
import type { Mutation } from "./mutation.js";
import { operationRaised } from "./operation-raised.js";
import { proxyToAbsent } from "./proxy-to-absent.js";
import { unanimityBroken } from "./unanimity-broken.js";
import { voteRaised } from "./vote-raised.js";

/** Every kind of inconsistency the mutation test injects. */
export const MUTATIONS: readonly Mutation[] = [voteRaised, unanimityBroken, memberDropped, proxyToAbsent, operationRaised, budgetLineChanged, dateChanged];
