package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedInsert;
import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;

/**
 * Counts the writes the source acknowledged through the proxy, by kind ({@code insert},
 * {@code upsert}, {@code delete}), and the rows inserted or upserted.
 */
public final class WriteCounts implements Consumer<AcknowledgedWrite> {

  private static final String WRITES = "milvus.migrate.proxy.acknowledged.writes";
  /** The counter of rows inserted or upserted, tagged {@code kind}. */
  public static final String ROWS = "milvus.migrate.proxy.acknowledged.rows";
  /** The counter of acknowledged writes the proxy could not read. */
  public static final String UNREADABLE = "milvus.migrate.proxy.unreadable.writes";

  private final MeterRegistry registry;

  WriteCounts(MeterRegistry registry) {
    this.registry = registry;
    registry.counter(UNREADABLE);
  }

  @Override
  public void accept(AcknowledgedWrite write) {
    if (write instanceof AcknowledgedInsert insert) {
      String kind = insert.upsert() ? "upsert" : "insert";
      registry.counter(WRITES, "kind", kind).increment();
      registry.counter(ROWS, "kind", kind).increment(insert.rows());
    } else {
      registry.counter(WRITES, "kind", "delete").increment();
    }
  }

  void unreadable() {
    registry.counter(UNREADABLE).increment();
  }
}
