package dev.milvusmigrate.bench;

import dev.milvusmigrate.schemas.avro.CollectionCopied;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** The sink's {@code CollectionCopied} reports of one job: each collection's cumulative rows, stamped with a time. */
final class CopiedReports {

  private CopiedReports() {}

  /**
   * When the reports first covered {@code sourceRows} rows in all: in the order of their times, the
   * sum over collections of the most rows each reported so far. Empty when they never did.
   */
  static OptionalLong allRowsCopiedAt(List<CollectionCopied> reports, long sourceRows) {
    Map<String, Long> rowsByCollection = new HashMap<>();
    long total = 0;
    for (CollectionCopied report : reports.stream().sorted(Comparator.comparingLong(CollectionCopied::getAt))
        .toList()) {
      String collection = report.getDatabase() + "." + report.getCollection();
      long before = rowsByCollection.getOrDefault(collection, 0L);
      if (report.getRowsCopied() > before) {
        rowsByCollection.put(collection, report.getRowsCopied());
        total += report.getRowsCopied() - before;
      }
      if (total >= sourceRows) {
        return OptionalLong.of(report.getAt());
      }
    }
    return OptionalLong.empty();
  }
}
