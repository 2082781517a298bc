package dev.milvusmigrate.proxy;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import org.apache.kafka.common.serialization.Deserializer;
import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The pymilvus scripts of the proxy's tests (test resources next to this class), run to their end. */
final class ProxyScripts {

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

  /** The writes a stopped proxy recorded in its topic, in order, without its time ticks. */
  static List<ProxyChange> recordedWrites(KafkaBroker kafka, String topic) {
    Deserializer<ProxyChange> changes = AvroSerde.of(ProxyChange.class).deserializer();
    return kafka.recordsToEnd(topic).stream().map(record -> changes.deserialize(topic, record.value()))
        .filter(change -> change.getKind() != ProxyChangeKind.TICK).toList();
  }

  static String uri(PassThroughServer proxy) {
    return "http://127.0.0.1:" + proxy.port();
  }
}
