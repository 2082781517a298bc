package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One instance publishes for a source at a time: an instance that starts fences the one before,
 * whose writes then fail without reaching the source; a standby waits while the serving instance
 * ticks and takes over once it falls silent; and the service, once fenced, stands by again.
 */
@ExtendWith({MilvusLiteExtension.class, KafkaBrokerExtension.class})
class FencedStandbyIT {

  private final String name = "fenced_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

  @Test
  void aLaterInstanceFencesTheEarlierWhoseWritesFailUnforwarded(MilvusLiteServer source, KafkaBroker kafka)
      throws Exception {
    ProxyConfig config = config(source, kafka, Map.of());
    try (PassThroughServer first = PassThroughServer.startRecording(config, write -> { }, () -> { })) {
      String firstUri = ProxyScripts.uri(first);
      ProxyScripts.run("writes.py", firstUri, name, "sequence");
      try (PassThroughServer second = PassThroughServer.startRecording(config, write -> { }, () -> { })) {
        List<String> fenced = ProxyScripts.run("writes.py", firstUri, name, "insert");
        // Refused before forwarding, or not served at all once the instance learnt it was fenced.
        JsonObject error = JsonParser.parseString(fenced.get(0)).getAsJsonObject().getAsJsonObject("error");
        assertThat(error).as(fenced.get(0)).isNotNull();
        assertThat(ProxyScripts.run("writes.py", source.uri(), name, "count", "id == 1000")).containsExactly("0");

        List<String> written = ProxyScripts.run("writes.py", ProxyScripts.uri(second), name, "insert");
        assertThat(written).containsExactly("{\"kind\": \"INSERT\", \"keys\": [1000]}");
      }
    }
    List<ProxyChange> records = ProxyScripts.recorded(kafka, config.changesTopic());
    assertThat(records).filteredOn(change -> change.getKind() != ProxyChangeKind.TICK)
        .extracting(ProxyChange::getSequence).as("one instance's records, then the other's").isSorted();
    assertThat(ProxyScripts.recordedWrites(kafka, config.changesTopic())).last()
        .satisfies(last -> assertThat(last.getKind()).isEqualTo(ProxyChangeKind.INSERT));
  }

  @Test
  void aStandbyWaitsWhileTheServingInstanceTicksAndTakesOverWhenItFallsSilent(MilvusLiteServer source,
      KafkaBroker kafka) throws Exception {
    ProxyConfig config = config(source, kafka, Map.of());
    ProxyConfig standbyConfig = config(source, kafka, Map.of("proxy.standby", "true", "proxy.takeover-after", "2s"));
    PassThroughServer serving = PassThroughServer.startRecording(config, write -> { }, () -> { });
    CompletableFuture<PassThroughServer> standby = CompletableFuture.supplyAsync(() ->
        PassThroughServer.startRecording(standbyConfig, write -> { }, () -> { }));
    try {
      ProxyScripts.run("writes.py", ProxyScripts.uri(serving), name, "sequence");
      await("the standby waiting").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
          .until(() -> !standby.isDone());

      serving.close();

      PassThroughServer tookOver = standby.get(Duration.ofMinutes(1).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      try (tookOver) {
        List<String> written = ProxyScripts.run("writes.py", ProxyScripts.uri(tookOver), name, "insert");
        assertThat(written).containsExactly("{\"kind\": \"INSERT\", \"keys\": [1000]}");
      }
    } finally {
      serving.close();
      standby.cancel(true);
    }
    assertThat(ProxyScripts.recordedWrites(kafka, config.changesTopic())).extracting(ProxyChange::getKind)
        .containsExactly(ProxyChangeKind.INSERT, ProxyChangeKind.UPSERT, ProxyChangeKind.DELETE,
            ProxyChangeKind.DELETE, ProxyChangeKind.INSERT, ProxyChangeKind.INSERT);
  }

  /** The service, once fenced, stands by again and serves when the instance that fenced it stops. */
  @Test
  void aFencedServiceStandsByAgainAndServesWhenTheOtherFallsSilent(MilvusLiteServer source, KafkaBroker kafka)
      throws Exception {
    ProxyConfig config = config(source, kafka, Map.of("proxy.takeover-after", "2s"));
    try (ProxyService service = ProxyService.start(config, new SimpleMeterRegistry())) {
      ProxyScripts.run("writes.py", "http://127.0.0.1:" + service.port(), name, "sequence");
      try (PassThroughServer other = PassThroughServer.startRecording(config, write -> { }, () -> { })) {
        assertThat(ProxyScripts.run("writes.py", ProxyScripts.uri(other), name, "insert", "1000"))
            .containsExactly("{\"kind\": \"INSERT\", \"keys\": [1000]}");
      }

      await("the service serving again").atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() ->
          ProxyScripts.run("writes.py", "http://127.0.0.1:" + service.port(), name, "insert", "1001")
              .equals(List.of("{\"kind\": \"INSERT\", \"keys\": [1001]}")));
    }
    assertThat(ProxyScripts.recordedWrites(kafka, config.changesTopic())).extracting(ProxyChange::getKind)
        .containsExactly(ProxyChangeKind.INSERT, ProxyChangeKind.UPSERT, ProxyChangeKind.DELETE,
            ProxyChangeKind.DELETE, ProxyChangeKind.INSERT, ProxyChangeKind.INSERT, ProxyChangeKind.INSERT);
  }

  private ProxyConfig config(MilvusLiteServer source, KafkaBroker kafka, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of("source.uri", source.uri(), "kafka.bootstrap",
        kafka.bootstrapServers(), "kafka.topic-prefix", name, "proxy.source-id", "lite"));
    settings.putAll(extra);
    return ProxyScripts.config(settings);
  }
}
