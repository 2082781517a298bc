package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.util.ArrayList;
import java.util.List;

/** Says in a few words what a failed verification found, e.g. {@code 3 missing in target}. */
public final class VerificationSummary {

  private VerificationSummary() {}

  /** What differed, comma-separated; empty when nothing differed. */
  public static String differences(VerificationReport report) {
    List<String> parts = new ArrayList<>();
    if (!report.getSchemaDifferences().isEmpty()) {
      parts.add("schema differs: " + String.join("; ", report.getSchemaDifferences()));
    }
    if (report.getMissingInTarget() > 0) {
      parts.add(report.getMissingInTarget() + " missing in target");
    }
    if (report.getUnexpectedInTarget() > 0) {
      parts.add(report.getUnexpectedInTarget() + " unexpected in target");
    }
    if (report.getExcessInTarget() > 0) {
      parts.add(report.getExcessInTarget() + " rows in target repeat a key");
    }
    boolean keysNamed = report.getMissingInTarget() > 0 || report.getUnexpectedInTarget() > 0;
    if (!keysNamed && report.getSourceDistinctKeys() != report.getTargetDistinctKeys()) {
      parts.add(report.getSourceDistinctKeys() + " distinct keys in source, " + report.getTargetDistinctKeys()
          + " in target");
    }
    if (report.getMismatched() > 0) {
      parts.add(report.getMismatched() + " of " + report.getSampled() + " sampled entities differ");
    }
    return String.join(", ", parts);
  }

  /** The source collection the report is about. */
  public static CollectionName collection(VerificationReport report) {
    return new CollectionName(report.getDatabase(), report.getCollection());
  }

  /** {@code db.collection (what differed)}, or {@code db.collection} when the report names nothing. */
  public static String failedCollection(VerificationReport report) {
    String name = collection(report).qualified();
    String differences = differences(report);
    return differences.isEmpty() ? name : name + " (" + differences + ")";
  }
}
