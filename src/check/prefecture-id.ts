import { sameActNumber } from "../normalize/actes.js";
import { placeOf, type Check } from "./check.js";

/**
 * The stamp's ACTES identifier names this deliberation: its act date is the sitting's (a deliberation is
 * dated the day it is taken), its act number the deliberation's number as printed, compared loosely since the
 * platforms allow no "/" or "-" in a number ("2020/005418" is filed "2020_005418") and registers add a prefix
 * ("DEL_2023_12" for "2023-12"). A warning, not an error: the collectivity types the identifier's date and
 * number by hand when it files the act, and a slip there leaves the act valid; but it may also show a stamp
 * that belongs to another deliberation of the document.
 */
export const prefectureIdMatches: Check = {
  meta: {
    id: "prefecture.id-mismatch",
    description: "The stamp's ACTES identifier names the sitting's date and the deliberation's number",
    severity: "warning",
    messages: {
      date: 'Expected the ACTES identifier "{{id}}" to date the act {{sitting}} (the sitting), got {{actDate}}',
      number: 'Expected the ACTES identifier "{{id}}" to name deliberation "{{number}}", got "{{actNumber}}"',
    },
  },
  run(record, report) {
    const stamp = record.prefecture;
    if (stamp === null || stamp.id === null) return;
    const place = placeOf(record, "prefecture.id");
    const sitting = record.sitting.date;
    if (sitting !== null && stamp.actDate !== null && stamp.actDate !== sitting) {
      report({ messageId: "date", data: { id: stamp.id, sitting, actDate: stamp.actDate }, place: placeOf(record, "prefecture.actDate") ?? place });
    }
    if (record.number !== null && stamp.actNumber !== null && !sameActNumber(stamp.actNumber, record.number)) {
      report({ messageId: "number", data: { id: stamp.id, number: record.number, actNumber: stamp.actNumber }, place: placeOf(record, "prefecture.actNumber") ?? place });
    }
  },
};

/** What the natures of the ACTES nomenclature name, for messages. */
const NATURE_NAMES: Readonly<Record<string, string>> = {
  DE: "délibération",
  AR: "arrêté réglementaire",
  AI: "arrêté individuel",
  CC: "contrat, convention ou avenant",
  BF: "document budgétaire et financier",
  AU: "autre acte",
};

/**
 * A deliberation is filed with nature DE. Info only: a council's vote on the budget is filed BF (the budget
 * document itself) and one approving a contract is often filed CC, both accepted by the prefecture; a stamp
 * naming an arrêté (AR, AI) is more likely another act's stamp printed beside the deliberation.
 */
export const prefectureNature: Check = {
  meta: {
    id: "prefecture.not-deliberation",
    description: "The stamp's ACTES identifier files the act as a deliberation (nature DE)",
    severity: "info",
    messages: { nature: 'Expected the ACTES identifier "{{id}}" to file a délibération (DE), got {{nature}} ({{name}})' },
  },
  run(record, report) {
    const stamp = record.prefecture;
    if (stamp === null || stamp.id === null || stamp.nature === null || stamp.nature === "DE") return;
    report({ messageId: "nature", data: { id: stamp.id, nature: stamp.nature, name: NATURE_NAMES[stamp.nature] ?? stamp.nature }, place: placeOf(record, "prefecture.nature") });
  },
};
