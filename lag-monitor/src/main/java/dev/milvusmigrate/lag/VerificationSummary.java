package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
      parts.add(report.getMismatched() + " of " + report.getSampled() + (report.getComparedInFull() ? " compared"
          : " sampled") + " entities differ");
    }
    return String.join(", ", parts);
  }

  /**
   * What the field-by-field comparison covered and so would have found, e.g. {@code sampled 4,418 of
   * 50,000: differences in >= 0.1 % would have been found with 99 % probability}; empty for a report
   * that states no such guarantee (a zero-downtime cutover's check of what changed).
   */
  public static Optional<String> coverage(VerificationReport report) {
    long common = report.getSourceDistinctKeys() - report.getMissingInTarget();
    if (report.getComparedInFull()) {
      return Optional.of(String.format(Locale.ROOT, "compared all %,d entities both sides hold, field by field",
          report.getSampled()));
    }
    if (report.getDetectionProbability() == null) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "sampled %,d of %,d: differences in >= 0.1 %% would have been"
        + " found with %s %% probability", report.getSampled(), common,
        percentRoundedDown(report.getDetectionProbability())));
  }

  /** Never overstates: 0.99999 is 99.9, 0.113 is 11.3, 0.99 is 99. */
  static String percentRoundedDown(double probability) {
    BigDecimal percent = BigDecimal.valueOf(probability).movePointRight(2).setScale(1, RoundingMode.FLOOR);
    return percent.stripTrailingZeros().toPlainString();
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
