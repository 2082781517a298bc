package dev.milvusmigrate.lag;

import dev.milvusmigrate.kafka.MeterTags;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the lag-monitor shows: Lag Behind Source of every syncing job (a gauge per job, removed
 * once the job ended), the notifications it published and the control commands it rejected.
 */
public final class LagMetrics {

  static final String LAG = "milvus.migrate.lag.behind.source.seconds";

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lagMs = new ConcurrentHashMap<>();

  public LagMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void lag(String jobId, long ms) {
    lagMs.computeIfAbsent(jobId, this::register).set(ms);
  }

  /** The job no longer syncs: its lag is not shown any more. */
  void ended(String jobId) {
    if (lagMs.remove(jobId) != null) {
      Gauge gauge = registry.find(LAG).tags(MeterTags.job(jobId)).gauge();
      if (gauge != null) {
        registry.remove(gauge);
      }
    }
  }

  void notified(NotificationKind kind) {
    registry.counter("milvus.migrate.lag.notifications", "kind", kind.name()).increment();
  }

  /** @param reason {@code malformed} (not a command, or names no job) or {@code refused} (cannot act on its job) */
  void commandRejected(String reason) {
    registry.counter("milvus.migrate.lag.commands.rejected", "reason", reason).increment();
  }

  private AtomicLong register(String jobId) {
    AtomicLong ms = new AtomicLong();
    Gauge.builder(LAG, ms, value -> value.get() / 1000.0).tags(MeterTags.job(jobId))
        .description("Lag Behind Source of a zero-downtime job").register(registry);
    return ms;
  }
}
