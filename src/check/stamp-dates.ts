import { placeOf, type Check } from "./check.js";

/** The steps of the control chain a stamp dates, in the order they happen, with the words messages use for them. */
const STEPS: ReadonlyArray<{ key: "sentAt" | "receivedAt" | "publishedAt" | "executoryAt"; step: string }> = [
  { key: "sentAt", step: "sent" },
  { key: "receivedAt", step: "received" },
  { key: "publishedAt", step: "published" },
  { key: "executoryAt", step: "executory" },
];

/**
 * The stamp's dates follow the sitting: a deliberation is sent to the prefecture, received there, made public
 * and executory after it is taken (CGCT L2131-1), never before; the prefecture receives what was sent, never
 * before it was sent. A stamp date before the sitting is a misread date (OCR: "12/11/2020" read "12/11/2010"),
 * a sitting date read wrong, or another act's stamp: an error, since the record cannot be true as it stands.
 * Dates are ISO, compared as text. Same day is fine: acts are often sent the evening of the sitting.
 */
export const stampAfterSitting: Check = {
  meta: {
    id: "date.stamp-before-sitting",
    description: "Every date of the prefecture's stamp is on or after the sitting, and the act is received on or after it is sent",
    severity: "error",
    messages: {
      beforeSitting: "Expected the act {{step}} (prefecture.{{path}}) on or after the sitting of {{sitting}}, got {{date}}",
      receivedBeforeSent: "Expected the act received (prefecture.receivedAt) on or after it was sent, {{sent}}, got {{received}}",
    },
  },
  run(record, report) {
    const stamp = record.prefecture;
    if (stamp === null) return;
    const sitting = record.sitting.date;
    if (sitting !== null) {
      for (const { key, step } of STEPS) {
        const date = stamp[key];
        if (date !== null && date < sitting) report({ messageId: "beforeSitting", data: { step, path: key, sitting, date }, place: placeOf(record, `prefecture.${key}`) });
      }
    }
    if (stamp.sentAt !== null && stamp.receivedAt !== null && stamp.receivedAt < stamp.sentAt) {
      report({ messageId: "receivedBeforeSent", data: { sent: stamp.sentAt, received: stamp.receivedAt }, place: placeOf(record, "prefecture.receivedAt") });
    }
  },
};
