import { placeOf, type Check } from "./check.js";

/** present + remote + absent = members in office. */
export const attendancePartition: Check = {
  meta: {
    id: "attendance.partition",
    description: "Members present, remote and absent add up to the members in office",
    severity: "error",
    messages: { sum: "Expected present + remote + absent = {{inOffice}} members in office, got {{present}} + {{remote}} + {{absent}} = {{sum}}" },
  },
  run(record, report) {
    const { inOffice, present, remote, absent } = record.attendance.counts;
    if (inOffice === null || present === null || absent === null) return;
    const sum = present + (remote ?? 0) + absent;
    if (sum !== inOffice) report({ messageId: "sum", data: { inOffice, present, remote: remote ?? 0, absent, sum }, place: placeOf(record, "attendance.counts.inOffice") });
  },
};
