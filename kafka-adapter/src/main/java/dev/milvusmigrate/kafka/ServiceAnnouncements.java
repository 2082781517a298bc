package dev.milvusmigrate.kafka;

import dev.milvusmigrate.core.domain.EndpointMismatch;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.ServicePresence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the CLI with {@code --external-services} and the console know of the deployed services before it submits a
 * job: the latest announcement of each instance on the services topic ({@code PresencePublisher}).
 * An instance is live when it announced itself within 3 of its own intervals (the lag-monitor's
 * default {@code lag.liveness.timeout} is 3 times the default {@code presence.interval}), or at a
 * time ahead of this clock. The decision is pure, so it is tested without Kafka: a job is refused
 * only when a kind of service it needs has live instances and none of them would take it, by the
 * services' own rule ({@link EndpointMismatch#accepts}: the configured address or an alias). A kind
 * without a live instance is no reason to refuse, since its services may start later; the service
 * that takes the job still checks it itself, so one that starts after this check refuses it too.
 */
public final class ServiceAnnouncements {

  /** How many of its own intervals an instance may stay silent and still count as live. */
  public static final int LIVE_INTERVALS = 3;

  private final String kafka;
  private final List<ServicePresence> live;

  /**
   * @param kafka the bootstrap the services run against, named in the sentences
   * @param latest the latest announcement of each instance
   * @param now wall-clock ms
   */
  public ServiceAnnouncements(String kafka, Collection<ServicePresence> latest, long now) {
    this.kafka = kafka;
    this.live = latest.stream().filter(p -> now - p.getAt() <= LIVE_INTERVALS * p.getIntervalMs())
        .filter(p -> ServiceKind.of(p.getService()).isPresent()).toList();
  }

  /** The latest announcement of each instance on the services topic, judged at {@code now}. */
  public static ServiceAnnouncements read(KafkaClients kafka, TopicNames topics, long now) {
    Map<String, ServicePresence> latest = new LinkedHashMap<>();
    TopicReader.readAll(kafka, topics.services(), ServicePresence.class).forEach(record -> {
      if (record.value() == null) {
        latest.remove(record.key());
      } else {
        latest.put(record.key(), record.value());
      }
    });
    return new ServiceAnnouncements(kafka.bootstrapServers(), latest.values(), now);
  }

  /**
   * One line per live instance: kind, instance and configured addresses, e.g. {@code sink-writer
   * sink-1@host#123 (source http://a:19530, target http://b:19530 or http://b2:19530)}.
   */
  public List<String> lines() {
    return live.stream().map(p -> {
      List<String> servers = new ArrayList<>();
      if (p.getSource() != null) {
        servers.add(addresses("source", p.getSource(), p.getSourceAliases()));
      }
      if (p.getTarget() != null) {
        servers.add(addresses("target", p.getTarget(), p.getTargetAliases()));
      }
      return p.getService() + " " + p.getInstance() + " (" + String.join(", ", servers) + ")";
    }).toList();
  }

  /** One line for each kind the job needs that no live instance announced. */
  public List<String> missing(JobMode mode) {
    return ServiceKind.neededBy(mode).stream().filter(kind -> ofKind(kind).isEmpty())
        .map(kind -> "No live " + kind.label() + " announced itself on Kafka at " + kafka + ": submitting anyway;"
            + " the job's status warns if none takes it within the lag-monitor's lag.liveness.timeout.")
        .toList();
  }

  /**
   * Why the job must not be submitted: a kind it needs whose live instances would all refuse it;
   * else empty. {@code naming} says how the submitter names a server, e.g. {@code --%s} for the
   * CLI's {@code --target}.
   */
  public Optional<String> refusal(JobMode mode, String sourceLabel, String targetLabel, String naming) {
    for (ServiceKind kind : ServiceKind.neededBy(mode)) {
      List<ServicePresence> instances = ofKind(kind);
      if (instances.isEmpty() || instances.stream().anyMatch(p -> takes(kind, p, sourceLabel, targetLabel))) {
        continue;
      }
      for (Role role : roles(kind)) {
        List<ServicePresence> wrong = instances.stream()
            .filter(p -> !role.accepts(p, role.jobLabel(sourceLabel, targetLabel))).toList();
        if (!wrong.isEmpty()) {
          return Optional.of(sentence(kind, role, wrong, role.jobLabel(sourceLabel, targetLabel), naming));
        }
      }
    }
    return Optional.empty();
  }

  private String sentence(ServiceKind kind, Role role, List<ServicePresence> wrong, String jobLabel, String naming) {
    boolean one = wrong.size() == 1;
    String service = kind.label();
    String configured = String.join(" and ", wrong.stream().map(role::configured).distinct().toList());
    return "The " + (one ? service : wrong.size() + " " + service + "s") + " running on Kafka at " + kafka + " ("
        + String.join(", ", wrong.stream().map(ServicePresence::getInstance).toList()) + ") "
        + role.verb(one) + " " + configured + ", not " + role.preposition + " the " + role.name + " " + jobLabel
        + " you named: nothing was submitted; point the " + service + "'s " + role.name + ".uri at the " + role.name
        + ", or give " + String.format(naming, role.name) + " its address.";
  }

  private static boolean takes(ServiceKind kind, ServicePresence presence, String sourceLabel, String targetLabel) {
    return roles(kind).stream().allMatch(role -> role.accepts(presence, role.jobLabel(sourceLabel, targetLabel)));
  }

  private List<ServicePresence> ofKind(ServiceKind kind) {
    return live.stream().filter(p -> p.getService().equals(kind.label())).toList();
  }

  private static String addresses(String role, String configured, List<String> aliases) {
    List<String> all = new ArrayList<>(List.of(configured));
    all.addAll(aliases);
    return role + " " + String.join(" or ", all);
  }

  /** The servers a service of the kind checks a job against, in the order it checks them. */
  private static List<Role> roles(ServiceKind kind) {
    return kind == ServiceKind.SINK_WRITER ? List.of(Role.TARGET, Role.SOURCE) : List.of(Role.SOURCE);
  }

  private enum Role {
    SOURCE("source", "reads from", "from"), TARGET("target", "writes to", "to");

    final String name;
    final String verbOfOne;
    final String preposition;

    Role(String name, String verbOfOne, String preposition) {
      this.name = name;
      this.verbOfOne = verbOfOne;
      this.preposition = preposition;
    }

    String jobLabel(String source, String target) {
      return this == SOURCE ? source : target;
    }

    String configured(ServicePresence presence) {
      return this == SOURCE ? presence.getSource() : presence.getTarget();
    }

    List<String> aliases(ServicePresence presence) {
      return this == SOURCE ? presence.getSourceAliases() : presence.getTargetAliases();
    }

    String verb(boolean one) {
      return one ? verbOfOne : verbOfOne.replaceFirst("s ", " ");
    }

    /** An instance that did not announce an address for the role is taken at its word: no reason to refuse. */
    boolean accepts(ServicePresence presence, String jobLabel) {
      String configured = configured(presence);
      if (configured == null) {
        return true;
      }
      try {
        return EndpointMismatch.accepts(jobLabel, MilvusEndpoint.of(configured), aliases(presence));
      } catch (IllegalArgumentException e) {
        return true;
      }
    }
  }
}
