package dev.milvusmigrate.lag;

import dev.milvusmigrate.runtime.MeterTags;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the lag-monitor shows: Lag Behind Source of every syncing job (a gauge per job, removed
 * once the job ended), how many running jobs lack a live service, the notifications it published by
 * kind and the control commands it rejected by reason; all but the lag exist at 0 from start-up.
 */
public final class LagMetrics {

  static final String LAG = "milvus.migrate.lag.behind.source.seconds";
  static final String MALFORMED = "malformed";
  static final String REFUSED = "refused";
  private static final String NOTIFICATIONS = "milvus.migrate.lag.notifications";
  private static final String REJECTED = "milvus.migrate.lag.commands.rejected";
  static final String WITHOUT_SERVICE = "milvus.migrate.jobs.without.live.service";

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lagMs = new ConcurrentHashMap<>();
  private final Set<String> withoutService = ConcurrentHashMap.newKeySet();

  public LagMetrics(MeterRegistry registry) {
    this.registry = registry;
    Arrays.stream(NotificationKind.values()).forEach(kind -> registry.counter(NOTIFICATIONS, "kind", kind.name()));
    registry.counter(REJECTED, "reason", MALFORMED);
    registry.counter(REJECTED, "reason", REFUSED);
    Gauge.builder(WITHOUT_SERVICE, withoutService, Set::size)
        .description("Running jobs that a service they need has not announced for lag.liveness.timeout")
        .register(registry);
  }

  /** Whether the job, running or ended, lacks a live service now. */
  void lacksService(String jobId, boolean lacks) {
    if (lacks) {
      withoutService.add(jobId);
    } else {
      withoutService.remove(jobId);
    }
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
    registry.counter(NOTIFICATIONS, "kind", kind.name()).increment();
  }

  /** @param reason {@link #MALFORMED} (not a command, or names no job) or {@link #REFUSED} (cannot act on its job) */
  void commandRejected(String reason) {
    registry.counter(REJECTED, "reason", reason).increment();
  }

  private AtomicLong register(String jobId) {
    AtomicLong ms = new AtomicLong();
    Gauge.builder(LAG, ms, value -> value.get() / 1000.0).tags(MeterTags.job(jobId))
        .description("Lag Behind Source of a zero-downtime job").register(registry);
    return ms;
  }
}
