package dev.milvusmigrate.proxy;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.config.EndpointKeys;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.runtime.ServiceConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the capture-proxy, declared once. The proxy has no credentials of its own: it
 * passes on those of its clients, so of the source it knows only the address and TLS files. Kafka
 * ({@code kafka.bootstrap}, {@code kafka.topic-prefix}) is where it records the acknowledged writes.
 */
public final class ProxyConfig extends ServiceConfig {

  private static final int MIB = 1024 * 1024;

  static final ConfigKey<String> LISTEN = ConfigKey.checked("proxy.listen", "0.0.0.0:19530",
      "one host:port, e.g. 0.0.0.0:19530", ProxyConfig::socketAddress,
      "host:port the proxy serves the Milvus API on; the applications connect here instead of to the source.");
  static final ConfigKey<String> TLS_CERT = ConfigKey.string("proxy.tls.cert", "",
      "Certificate chain file (PEM) of the proxy's own TLS; with proxy.tls.key the applications connect with TLS,"
      + " without both in plain text.");
  static final ConfigKey<String> TLS_KEY = ConfigKey.string("proxy.tls.key", "",
      "Private key file (PEM, PKCS#8) of proxy.tls.cert.").secret();
  static final ConfigKey<Integer> MAX_REQUEST = ConfigKey.integer("proxy.max-request-size", 512 * MIB, 1024,
      Integer.MAX_VALUE, "Largest request message in bytes the proxy takes; keep it above the source's own limit"
      + " (proxy.grpc.serverMaxRecvSize, 64 MiB in Milvus 2.3.5, 256 MiB in Milvus Lite) so that the source refuses"
      + " a larger one as it would directly (RESOURCE_EXHAUSTED); above this one the proxy resets the call (CANCELLED).");
  static final ConfigKey<Integer> MAX_RESPONSE = ConfigKey.integer("proxy.max-response-size", 256 * MIB, 1024,
      Integer.MAX_VALUE, "Largest response message in bytes the proxy takes from the source; keep it at least the"
      + " source's proxy.grpc.serverMaxSendSize.");

  static final ConfigKey<String> SOURCE_ID = ConfigKey.string("proxy.source-id", "source",
      "Name of the source in the topic the proxy records its writes in, <kafka.topic-prefix>.proxy.<source-id>.changes"
      + " (letters, digits, '.', '_', '-'); one name per source Milvus.");
  static final ConfigKey<Duration> RECORD_TIMEOUT = ConfigKey.duration("proxy.record-timeout", "30s",
      "How long recording an acknowledged write may take (the source describing the collection, Kafka acknowledging"
      + " the record) before the application gets UNAVAILABLE for its write instead of the source's answer.");

  static final ConfigKey<Duration> TICK_INTERVAL = ConfigKey.duration("proxy.tick-interval", "200ms",
      "How often the proxy appends its watermark (time tick) to its topic, so that lag stays true while no"
      + " application writes.");

  static final ConfigKey<Boolean> STANDBY = ConfigKey.bool("proxy.standby", false,
      "Start as a standby: without listening, wait until the instance serving the same proxy.source-id has appended"
      + " nothing to its topic for proxy.takeover-after, then take over (fencing it) and serve; false takes over at once.");
  static final ConfigKey<Duration> TAKEOVER_AFTER = ConfigKey.duration("proxy.takeover-after", "5s",
      "With proxy.standby: how long the topic must stay silent (no write, no tick) before the standby takes over.");

  /** The target a cutover switches the proxy to; its credentials are the applications' too. */
  static final EndpointKeys TARGET = EndpointKeys.optional("target");
  static final ConfigKey<Duration> MAX_HOLD = ConfigKey.duration("cutover.max-hold", "10s",
      "How long a cutover may hold the applications' writes (target.uri must be set): if the job has not ended"
      + " SUCCESSFUL by then, the proxy releases them to the source, stays there and cancels the job.");

  private static final ConfigKey<Integer> METRICS_PORT = metricsPort(9405);

  public static final ConfigSpec SPEC = spec();

  ProxyConfig(Config config) {
    super(config, METRICS_PORT);
    tls();
    target();
    changesTopic();
  }

  public static ProxyConfig of(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    return new ProxyConfig(new ConfigLoader(SPEC).load(file, env, overrides));
  }

  private static ConfigSpec spec() {
    return spec("capture-proxy", METRICS_PORT, List.of(LISTEN, TLS_CERT, TLS_KEY, MAX_REQUEST, MAX_RESPONSE),
        EndpointKeys.SOURCE.addressKeys(), List.of(SOURCE_ID, RECORD_TIMEOUT, TICK_INTERVAL, STANDBY, TAKEOVER_AFTER),
        TARGET.addressKeys(), List.of(MAX_HOLD));
  }

  /** Where the proxy listens. */
  public InetSocketAddress listen() {
    return socketAddress(get(LISTEN));
  }

  private static InetSocketAddress socketAddress(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("no host:port");
    }
    return new InetSocketAddress(hostPort.substring(0, colon),
        Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /** The proxy's own certificate and key files; empty for plain text. */
  public Optional<ServerTls> tls() {
    String cert = get(TLS_CERT);
    String key = get(TLS_KEY);
    if (cert.isBlank() && key.isBlank()) {
      return Optional.empty();
    }
    if (cert.isBlank() || key.isBlank()) {
      throw new ConfigException("Set both proxy.tls.cert and proxy.tls.key for TLS, or neither for plain text.");
    }
    return Optional.of(new ServerTls(cert, key));
  }

  /** The source's address and TLS; the credentials are the applications'. */
  public MilvusEndpoint source() {
    return address(EndpointKeys.SOURCE);
  }

  /** The target's address and TLS, where a cutover switches the proxy to; empty when target.uri is not set. */
  public Optional<MilvusEndpoint> target() {
    if (get(TARGET.uri()).isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(address(TARGET));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("target.uri: " + e.getMessage());
    }
  }

  public Duration maxHold() {
    return get(MAX_HOLD);
  }

  /** The compacted topic of the proxy's side after its last cutover. */
  public String stateTopic() {
    return topics().proxyState(get(SOURCE_ID));
  }

  /** The topic of the proxy's change records. */
  public String changesTopic() {
    return topics().proxyChanges(get(SOURCE_ID));
  }

  public String sourceId() {
    return get(SOURCE_ID);
  }

  public Duration recordTimeout() {
    return get(RECORD_TIMEOUT);
  }

  public Duration tickInterval() {
    return get(TICK_INTERVAL);
  }

  public boolean standby() {
    return get(STANDBY);
  }

  public Duration takeoverAfter() {
    return get(TAKEOVER_AFTER);
  }

  /**
   * The transactional id of the proxy's producer: one per source, so that an instance that takes
   * over fences the one before.
   */
  String transactionalId() {
    return topics().prefix() + ".capture-proxy." + sourceId();
  }

  public int maxRequestSize() {
    return get(MAX_REQUEST);
  }

  public int maxResponseSize() {
    return get(MAX_RESPONSE);
  }

  /** The proxy's certificate chain and key files. */
  public record ServerTls(String certChainPath, String keyPath) {}
}
