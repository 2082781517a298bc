package dev.milvusmigrate.cli;

import dev.milvusmigrate.lag.VerificationSummary;
import dev.milvusmigrate.schemas.avro.VerificationMethod;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.util.List;

/** Verification reports as a table, one row per collection, with differences, coverage and findings below. */
final class VerificationTable {

  private VerificationTable() {}

  static String render(List<VerificationReport> reports) {
    if (reports.isEmpty()) {
      return "No verification reports.\n";
    }
    TextTable table = new TextTable(List.of("SOURCE", "TARGET", "SOURCE KEYS", "TARGET KEYS", "MISSING",
        "UNEXPECTED", "DIFFER/COMPARED", "RESULT"), 2, 3, 4, 5, 6);
    reports.forEach(r -> table.row(VerificationSummary.collection(r),
        VerificationSummary.collection(r).in(r.getTargetDatabase()), r.getSourceDistinctKeys(),
        r.getTargetDistinctKeys(), r.getMissingInTarget(), r.getUnexpectedInTarget(),
        r.getMismatched() + "/" + r.getSampled(), r.getPassed() ? "passed" : "FAILED"));
    StringBuilder text = new StringBuilder(table.render());
    for (VerificationReport r : reports) {
      String name = VerificationSummary.collection(r).qualified();
      if (!r.getPassed()) {
        text.append(name).append(": ").append(VerificationSummary.differences(r));
        if (!r.getExampleKeys().isEmpty()) {
          text.append(" (e.g. keys ").append(String.join(", ", r.getExampleKeys())).append(')');
        }
        text.append('\n');
      }
      VerificationSummary.coverage(r).ifPresent(coverage -> text.append(name).append(": ").append(coverage)
          .append(".\n"));
      if (r.getMethod() == VerificationMethod.CHANGES_SINCE_BASELINE) {
        text.append(name).append(": checked from a key scan made while syncing and the ").append(r.getKeysRechecked())
            .append(" entities changed or sampled since; both counts equal the keys so derived.\n");
      }
      r.getFindings().forEach(finding -> text.append(name).append(": note: ").append(finding).append('\n'));
    }
    return text.toString();
  }

  static boolean allPassed(List<VerificationReport> reports) {
    return reports.stream().allMatch(VerificationReport::getPassed);
  }
}
