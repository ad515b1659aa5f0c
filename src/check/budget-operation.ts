import { placeOf, type Check } from "./check.js";

/** The operation's amount fits in the budget line it is charged to ("Montant prévu au budget 2020 : 120 000 € / Montant de l'opération : 45 000 €"). */
export const budgetOperationWithinPlanned: Check = {
  meta: {
    id: "budget.operation-exceeds-planned",
    description: "The operation's amount is at most the amount budgeted for it",
    severity: "warning",
    messages: { exceeds: "Expected an operation of at most the {{planned}} € budgeted, got {{operation}} €" },
  },
  run(record, report) {
    const planned = record.budget?.planned ?? null;
    const operation = record.budget?.operation ?? null;
    if (planned === null || operation === null || operation <= planned) return;
    report({ messageId: "exceeds", data: { planned, operation }, place: placeOf(record, "budget.operation") });
  },
};
