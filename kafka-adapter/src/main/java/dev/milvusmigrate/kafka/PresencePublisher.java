package dev.milvusmigrate.kafka;

import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.ServicePresence;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a job service on the services topic every {@link #INTERVAL}: its kind, its instance,
 * the servers it is configured for and their aliases (addresses only, never credentials) and the
 * jobs it works on, so the lag-monitor can say when a running job has no live service of a kind it
 * needs, and the CLI can refuse a job no live service of a kind is configured for. Started once
 * by the service and closed with it.
 */
public final class PresencePublisher implements AutoCloseable {

  public static final ConfigKey<Duration> INTERVAL = ConfigKey.duration("presence.interval", "10s",
      "How often the service announces itself and its jobs on the services topic, so a job's status says when no"
          + " live service works on it (keep the lag-monitor's lag.liveness.timeout at 3 times this or more).");

  /**
   * The kind of service, a name for its instance id, the servers it uses (null for one it does not
   * use) and the other addresses it accepts for them ({@code source.aliases}/{@code target.aliases}).
   */
  public record Service(ServiceKind kind, String name, MilvusEndpoint source, MilvusEndpoint target,
      List<String> sourceAliases, List<String> targetAliases) {

    public Service {
      sourceAliases = List.copyOf(sourceAliases);
      targetAliases = List.copyOf(targetAliases);
    }

    /** A service that accepts no other address for its servers. */
    public Service(ServiceKind kind, String name, MilvusEndpoint source, MilvusEndpoint target) {
      this(kind, name, source, target, List.of(), List.of());
    }

    /** The same service, accepting jobs that name its servers by these other addresses too. */
    public Service withAliases(List<String> source, List<String> target) {
      return new Service(kind, name, this.source, this.target, source, target);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(PresencePublisher.class);

  private final Service service;
  private final String instance;
  private final Duration interval;
  private final String topic;
  private final Supplier<? extends Collection<String>> working;
  private final Supplier<? extends Collection<String>> finished;
  private final KafkaProducer<String, ServicePresence> producer;
  private final ScheduledExecutorService timer;
  private final AtomicBoolean failing = new AtomicBoolean();

  private PresencePublisher(KafkaClients clients, TopicNames topics, Duration interval, Service service,
      Supplier<? extends Collection<String>> working, Supplier<? extends Collection<String>> finished) {
    this.service = service;
    this.instance = service.name() + "@" + hostName() + "#" + ProcessHandle.current().pid() + "-"
        + UUID.randomUUID().toString().substring(0, 4);
    this.interval = interval;
    this.topic = topics.services();
    this.working = working;
    this.finished = finished;
    this.producer = clients.producer(ServicePresence.class, service.name() + "-presence");
    this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, service.name() + "-presence");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Announces the service now and then every {@code interval}, reading the jobs it works on and the
   * jobs whose part it finished (which have not ended) at each announcement.
   */
  public static PresencePublisher start(KafkaClients clients, TopicNames topics, Duration interval, Service service,
      Supplier<? extends Collection<String>> working, Supplier<? extends Collection<String>> finished) {
    if (interval.compareTo(Duration.ZERO) <= 0) {
      throw new ConfigException("Setting '" + INTERVAL.name() + "' must be longer than 0, e.g. 10s.");
    }
    PresencePublisher publisher = new PresencePublisher(clients, topics, interval, service, working, finished);
    publisher.timer.scheduleAtFixedRate(publisher::announce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return publisher;
  }

  /** The id this instance announces itself with. */
  public String instance() {
    return instance;
  }

  /** Never throws: a scheduled task that throws is never run again, and Kafka may be away for a while. */
  private void announce() {
    ServicePresence presence = ServicePresence.newBuilder().setService(service.kind().label()).setInstance(instance)
        .setSource(label(service.source())).setTarget(label(service.target()))
        .setSourceAliases(labels(service.sourceAliases())).setTargetAliases(labels(service.targetAliases()))
        .setJobs(List.copyOf(working.get())).setFinishedJobs(List.copyOf(finished.get()))
        .setIntervalMs(interval.toMillis()).setAt(System.currentTimeMillis()).build();
    try {
      producer.send(new ProducerRecord<>(topic, instance, presence), (metadata, e) -> sent(e));
    } catch (RuntimeException e) {
      sent(e);
    }
  }

  private void sent(Exception failure) {
    if (failure != null && !failing.getAndSet(true)) {
      log.warn("Cannot announce {} on {}: {}; the job status will say this service is not heard from.",
          instance, topic, failure.getMessage());
    } else if (failure == null && failing.getAndSet(false)) {
      log.info("Announcing {} on {} again.", instance, topic);
    }
  }

  private static String label(MilvusEndpoint endpoint) {
    return endpoint == null ? null : endpoint.label();
  }

  /** Aliases as addresses only: credentials in an alias's URI are never announced. */
  private static List<String> labels(List<String> aliases) {
    return aliases.stream().map(alias -> MilvusEndpoint.of(alias).label()).toList();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    producer.close(Duration.ofSeconds(5));
  }
}
