package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.LagState;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import java.util.Optional;

/**
 * The below-threshold notification with hysteresis: sent once the lag has stayed below the
 * threshold for the hold time, and again only after the lag went to or above the threshold and
 * came back down for the hold time. Pure: it returns the next state and maybe a notification.
 */
final class LagNotifier {

  /** The state to store and the notification to send, if one is due. */
  record Step(LagState state, Optional<Notification> notification) {}

  private final long thresholdMs;
  private final long holdMs;
  private final String kafkaOptions;

  /** @param kafkaOptions what the printed stop-sync command needs to reach the job's Kafka */
  LagNotifier(long thresholdMs, long holdMs, String kafkaOptions) {
    this.thresholdMs = thresholdMs;
    this.holdMs = holdMs;
    this.kafkaOptions = kafkaOptions;
  }

  Step observe(LagState state, LagReport report) {
    LagState next = LagState.newBuilder(state).build();
    long now = report.getComputedAt();
    if (report.getLagMs() >= thresholdMs) {
      next.setBelowSince(null);
      next.setNotified(false);
      return new Step(next, Optional.empty());
    }
    long since = state.getBelowSince() == null ? now : state.getBelowSince();
    next.setBelowSince(since);
    if (state.getNotified() || now - since < holdMs) {
      return new Step(next, Optional.empty());
    }
    next.setNotified(true);
    return new Step(next, Optional.of(Notification.newBuilder()
        .setId(state.getJobId() + "-lag-below-" + since).setJobId(state.getJobId())
        .setKind(NotificationKind.LAG_BELOW_THRESHOLD)
        .setMessage("Job " + state.getJobId() + ": Lag Behind Source has stayed below " + thresholdMs / 1000.0
            + " s for " + holdMs / 1000.0 + " s (now " + report.getLagMs() + " ms). Stop the writes to the source,"
            + " then run: milvus-migrate stop-sync " + state.getJobId() + " --confirm-writes-stopped"
            + kafkaOptions)
        .setLagMs(report.getLagMs()).setThresholdMs(thresholdMs).setAt(now).build()));
  }
}
