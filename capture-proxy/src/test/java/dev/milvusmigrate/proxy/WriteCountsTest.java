package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.milvus.api.AcknowledgedDelete;
import dev.milvusmigrate.milvus.api.AcknowledgedInsert;
import dev.milvusmigrate.milvus.wal.WalKeys;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The series README's metrics table names, as Prometheus scrapes them. */
class WriteCountsTest {

  @Test
  void writesAndRowsAreCountedByKindAndUnreadableOnesFromStartUp() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WriteCounts counts = new WriteCounts(registry);
    String atStart = registry.scrape();

    counts.accept(new AcknowledgedInsert("default", "items", "", false, 3, new WalKeys.Int64(List.of(1L, 2L, 3L)), 0,
        schema -> List.of()));
    counts.accept(new AcknowledgedInsert("default", "items", "", true, 2, new WalKeys.Int64(List.of(1L, 2L)), 0,
        schema -> List.of()));
    counts.accept(new AcknowledgedDelete("default", "items", "", "id in [1]", Optional.empty(), 1, 0));
    counts.unreadable();

    assertThat(atStart).contains("milvus_migrate_proxy_unreadable_writes_total 0.0");
    assertThat(registry.scrape()).contains(
        "milvus_migrate_proxy_acknowledged_writes_total{kind=\"insert\"} 1.0",
        "milvus_migrate_proxy_acknowledged_writes_total{kind=\"upsert\"} 1.0",
        "milvus_migrate_proxy_acknowledged_writes_total{kind=\"delete\"} 1.0",
        "milvus_migrate_proxy_acknowledged_rows_total{kind=\"insert\"} 3.0",
        "milvus_migrate_proxy_acknowledged_rows_total{kind=\"upsert\"} 2.0",
        "milvus_migrate_proxy_unreadable_writes_total 1.0");
  }
}
