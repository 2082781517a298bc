package dev.milvusmigrate.bench;

import dev.milvusmigrate.testkit.metrics.PrometheusScrape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What one service instance counted for a job on its own metrics endpoint: rows per collection it worked on. */
record InstanceWork(String instance, Map<String, Long> rowsByCollection) {

  /** The rows of {@code metric} (series with the given labels too) for each of the collections, from one scrape. */
  static InstanceWork of(String instance, PrometheusScrape scrape, String metric, List<String> collections,
      String... labels) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (String collection : collections) {
      String[] all = new String[labels.length + 2];
      System.arraycopy(labels, 0, all, 0, labels.length);
      all[labels.length] = "collection";
      all[labels.length + 1] = collection;
      long counted = Math.round(scrape.sum(metric, all));
      if (counted > 0) {
        rows.put(collection, counted);
      }
    }
    return new InstanceWork(instance, rows);
  }

  long rows() {
    return rowsByCollection.values().stream().mapToLong(Long::longValue).sum();
  }

  /** E.g. {@code sink-writer-0: 500,000 rows of 4 collections (db.a 125,000, ...)}. */
  String line() {
    return String.format("%s: %,d rows of %d collections (%s)", instance, rows(), rowsByCollection.size(),
        rowsByCollection.entrySet().stream().map(entry -> String.format("%s %,d", entry.getKey(), entry.getValue()))
            .collect(Collectors.joining(", ")));
  }

  /** Whether every instance did some of the work: with one instance, trivially. */
  static boolean shared(List<InstanceWork> instances) {
    return instances.stream().allMatch(instance -> instance.rows() > 0);
  }
}
