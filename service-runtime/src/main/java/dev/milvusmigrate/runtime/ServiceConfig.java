package dev.milvusmigrate.runtime;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.config.EndpointKeys;
import dev.milvusmigrate.core.domain.EndpointMismatch;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaKeys;
import dev.milvusmigrate.kafka.KafkaSettings;
import dev.milvusmigrate.kafka.PresencePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings of one service. Every service declares the same shared keys first, named and
 * documented once: Kafka ({@link KafkaKeys}), then {@code metrics.port} with a default port of the
 * service's own, so the four services can run on one host without setting it; then its own keys.
 * Secrets are never shown.
 */
public abstract class ServiceConfig implements ServiceLauncher.MetricsConfig {

  private final Config config;
  private final ConfigKey<Integer> metricsPort;

  /** @param metricsPort the service's {@link #metricsPort(int)} key, as declared in its spec */
  protected ServiceConfig(Config config, ConfigKey<Integer> metricsPort) {
    this.config = config;
    this.metricsPort = metricsPort;
    // Reads kafka.client-properties now, so that a bad file is a bad setting (exit code 2), not a failed start.
    kafka();
  }

  /** {@code metrics.port}: where the service serves {@code GET /metrics}; 0 turns the endpoint off. */
  protected static ConfigKey<Integer> metricsPort(int defaultPort) {
    return ConfigKey.integer("metrics.port", defaultPort, 0, 65_535,
        "Port of the HTTP endpoint GET /metrics (Prometheus text format) of the service run on its own;"
            + " 0 turns it off.");
  }

  /** The keys of a service in the order they are documented: the shared ones, then its own groups. */
  @SafeVarargs
  protected static ConfigSpec spec(String service, ConfigKey<Integer> metricsPort, List<ConfigKey<?>>... own) {
    List<ConfigKey<?>> keys = new ArrayList<>(KafkaKeys.keys());
    keys.add(metricsPort);
    for (List<ConfigKey<?>> group : own) {
      keys.addAll(group);
    }
    return new ConfigSpec(service, keys);
  }

  /**
   * The keys of a job service (one that {@link JobServiceHost} runs): as {@link #spec}, with {@code
   * presence.interval} after the shared ones.
   */
  @SafeVarargs
  protected static ConfigSpec jobServiceSpec(String service, ConfigKey<Integer> metricsPort,
      List<ConfigKey<?>>... own) {
    List<List<ConfigKey<?>>> groups = new ArrayList<>();
    groups.add(List.of(PresencePublisher.INTERVAL));
    groups.addAll(List.of(own));
    @SuppressWarnings("unchecked")
    List<ConfigKey<?>>[] all = groups.toArray(new List[0]);
    return spec(service, metricsPort, all);
  }

  protected final <T> T get(ConfigKey<T> key) {
    return config.get(key);
  }

  /** The resolved settings, for shared key groups that read several keys at once. */
  protected final Config config() {
    return config;
  }

  protected final MilvusEndpoint endpoint(EndpointKeys role) {
    return role.endpoint(config);
  }

  /** The {@code role} server's address and TLS only, for a service that declares its {@link EndpointKeys#addressKeys()}. */
  protected final MilvusEndpoint address(EndpointKeys role) {
    return role.address(config);
  }

  /**
   * Why a job that names {@code jobLabel} as its {@code role} server is not for this service (it is
   * neither the configured address nor one of its aliases); empty when it is.
   */
  public final Optional<String> mismatch(EndpointKeys role, String jobLabel) {
    return EndpointMismatch.of(service(), role.role(), jobLabel, role.endpoint(config), role.aliases(config));
  }

  /** The other addresses of the {@code role} server a job may name it by ({@code <role>.aliases}). */
  public final List<String> aliases(EndpointKeys role) {
    return role.aliases(config);
  }

  /** The service's name, e.g. {@code cdc-capture}: in its log lines and the failures it reports. */
  public final String service() {
    return config.service();
  }

  public final KafkaSettings kafka() {
    return KafkaKeys.settings(config);
  }

  public final TopicNames topics() {
    return kafka().topics();
  }

  @Override
  public final int metricsPort() {
    return config.get(metricsPort);
  }

  /** How often a job service announces itself on the services topic (declared by {@link #jobServiceSpec}). */
  public final Duration presenceInterval() {
    return config.get(PresencePublisher.INTERVAL);
  }

  /** One line for the start-up log, secrets masked. */
  public final String describe() {
    return config.describe();
  }
}
