package dev.milvusmigrate.proxy;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The pymilvus scripts of the proxy's tests (test resources next to this class), run to their end. */
final class ProxyScripts {

  private static final Set<ProxyChangeKind> WRITES =
      EnumSet.of(ProxyChangeKind.INSERT, ProxyChangeKind.UPSERT, ProxyChangeKind.DELETE);

  private ProxyScripts() {}

  /** The lines {@code script} printed on stdout when run with {@code args}. */
  static List<String> run(String script, String... args) {
    try {
      Path file = Path.of(ProxyScripts.class.getResource(script).toURI());
      return PyMilvus.shared().run(file, Duration.ofMinutes(5), args).lines().toList();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The proxy's config with {@code settings}, listening on a free local port; Kafka's address is
   * one nothing listens on, for the proxies that only forward.
   */
  static ProxyConfig config(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(Map.of("proxy.listen", "127.0.0.1:0", "metrics.port", "0",
        "kafka.bootstrap", "127.0.0.1:9"));
    all.putAll(settings);
    return ProxyConfig.of(all, Map.of(), Map.of());
  }

  /** A proxy listening on a free local port, forwarding to {@code sourceUri}. */
  static PassThroughServer proxyTo(String sourceUri) {
    return proxyTo(sourceUri, write -> { });
  }

  /** As {@link #proxyTo(String)}, handing the acknowledged writes to {@code writes}; an unreadable one fails. */
  static PassThroughServer proxyTo(String sourceUri, Consumer<AcknowledgedWrite> writes) {
    return PassThroughServer.start(config(Map.of("source.uri", sourceUri)), writes, () -> {
          throw new AssertionError("The proxy could not read a write the source acknowledged (see the log).");
        });
  }

  /** The writes a stopped proxy recorded in its topic, in order, without its ticks, intents and outcomes. */
  static List<ProxyChange> recordedWrites(KafkaBroker kafka, String topic) {
    return recorded(kafka, topic).stream().filter(change -> WRITES.contains(change.getKind())).toList();
  }

  /**
   * Every record in the proxy's topic, in order, as capture reads them: of open and aborted
   * transactions too (the proxy's transactions only fence; a record counts once Kafka took it).
   */
  static List<ProxyChange> recorded(KafkaBroker kafka, String topic) {
    List<ProxyChange> records = new ArrayList<>();
    new KafkaClients(kafka.bootstrapServers(), Map.of()).readUncommittedToEnd(ProxyChange.class, topic,
        "proxy-test-reader", records::add);
    return records;
  }

  static String uri(PassThroughServer proxy) {
    return "http://127.0.0.1:" + proxy.port();
  }
}
