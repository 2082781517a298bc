package dev.milvusmigrate.lag;

import dev.milvusmigrate.kafka.ServiceKind;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ServicePresence;
import dev.milvusmigrate.schemas.avro.ServiceWarning;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which services a running job lacks, from the services' latest announcements: pure, so it is
 * tested without Kafka. An offline job needs a snapshot-exporter and a sink-writer, a zero-downtime
 * job a cdc-capture too. A kind is satisfied by an instance that announced the job within the
 * timeout, or by one that finished its part of the job (the export of its share, the capture up to
 * the stop-sync fence). Otherwise the job gets a warning once no instance of the kind has announced
 * it for the timeout: either none ever did, or the last one that did went silent. Silence counts
 * only from {@code listeningSince}, so a lag-monitor that was down does not blame services for it.
 */
final class ServiceLiveness {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Duration timeout;
  private final String kafka;

  /** @param kafka the Kafka bootstrap the services must reach, named in the warnings */
  ServiceLiveness(Duration timeout, String kafka) {
    this.timeout = timeout;
    this.kafka = kafka;
  }

  List<ServiceWarning> warnings(JobStatus status, Collection<ServicePresence> presences, long now,
      long listeningSince) {
    if (status.getState() != JobState.IN_PROGRESS) {
      return List.of();
    }
    List<ServiceWarning> warnings = new ArrayList<>();
    for (ServiceKind kind : ServiceKind.neededBy(status.getMode())) {
      List<ServicePresence> ofKind = presences.stream().filter(p -> p.getService().equals(kind.label())).toList();
      warning(kind, status, ofKind, now, listeningSince).ifPresent(warnings::add);
    }
    return warnings;
  }

  private Optional<ServiceWarning> warning(ServiceKind kind, JobStatus status, List<ServicePresence> ofKind,
      long now, long listeningSince) {
    String job = status.getJobId();
    if (ofKind.stream().anyMatch(p -> p.getFinishedJobs().contains(job))) {
      return Optional.empty();
    }
    List<ServicePresence> holders = ofKind.stream().filter(p -> p.getJobs().contains(job)).toList();
    if (holders.stream().anyMatch(p -> !silent(p.getAt(), now, listeningSince))) {
      return Optional.empty();
    }
    Optional<ServicePresence> last = holders.stream().max(Comparator.comparingLong(ServicePresence::getAt));
    if (last.isPresent()) {
      ServicePresence gone = last.get();
      return Optional.of(new ServiceWarning(kind.label(), gone.getInstance(), gone.getAt(), "The " + kind.label()
          + " that ran this job (instance " + gone.getInstance() + ") has not been heard from since "
          + TIME.format(Instant.ofEpochMilli(gone.getAt())) + ": restart it, or start another one with access to "
          + access(kind, status) + "."));
    }
    if (!silent(status.getStartedAt(), now, listeningSince)) {
      return Optional.empty();
    }
    return Optional.of(new ServiceWarning(kind.label(), null, Math.max(status.getStartedAt(), listeningSince),
        "No " + kind.label() + " has taken this job for " + seconds(timeout) + ": is one running with access to "
            + access(kind, status) + "?"));
  }

  private boolean silent(long heardAt, long now, long listeningSince) {
    return now - Math.max(heardAt, listeningSince) > timeout.toMillis();
  }

  /** What a service of the kind must reach: Kafka, and the servers of the job it uses. */
  private String access(ServiceKind kind, JobStatus status) {
    List<String> servers = new ArrayList<>();
    if (status.getSourceLabel() != null) {
      servers.add("the source " + status.getSourceLabel());
    }
    if (kind == ServiceKind.SINK_WRITER && status.getTargetLabel() != null) {
      servers.add("the target " + status.getTargetLabel());
    }
    String kafkaAt = "Kafka at " + kafka;
    return switch (servers.size()) {
      case 0 -> kafkaAt;
      case 1 -> kafkaAt + " and " + servers.get(0);
      default -> kafkaAt + ", " + servers.get(0) + " and " + servers.get(1);
    };
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }
}
