package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.testkit.pulsar.PulsarDistribution;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import dev.milvusmigrate.testkit.pulsar.PulsarTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture's way to a source Pulsar over TLS ({@code pulsar+ssl://} and {@code https://}): a Pulsar
 * standalone of this class's own with a server certificate signed by a CA of the test's
 * ({@link PulsarTls}). Trusting that CA ({@code capture.wal.pulsar.tls-trust-certs}), {@link
 * PulsarLogProbe} and {@link PulsarLog} find the DML topic and read what a producer wrote over TLS;
 * trusting another CA, or only the JDK's, gives one sentence naming the setting.
 */
class PulsarTlsIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final String TRUST_VARIABLE = CaptureConfig.WAL_PULSAR_TRUST_CERTS.envName();
  @TempDir
  static Path certificates;
  private static PulsarTls tls;
  private static PulsarStandalone pulsar;

  @BeforeAll
  static void startPulsarWithTls() {
    tls = PulsarTls.generate(certificates.resolve("server"));
    pulsar = PulsarStandalone.startWithTls(PulsarDistribution.shared(), tls);
  }

  @AfterAll
  static void stopPulsar() {
    if (pulsar != null) {
      pulsar.close();
    }
  }

  @Test
  void trustingTheCaCaptureFindsAndReadsTheLogOverTls() throws Exception {
    String walPrefix = "tls" + UUID.randomUUID().toString().substring(0, 8);
    String dmlTopic = "persistent://" + PulsarStandalone.NAMESPACE + "/" + walPrefix + "-rootcoord-dml_0";
    byte[] tick = ExpiredSourcePositionIT.tick(1);
    MessageId written;
    try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.serviceUrlTls())
        .tlsTrustCertsFilePath(tls.caCertificate().toString()).build();
        Producer<byte[]> sourceLog = client.newProducer(Schema.BYTES).topic(dmlTopic).enableBatching(false).create()) {
      written = sourceLog.send(tick);
    }

    assertThat(PulsarLogProbe.ask(pulsar.serviceUrlTls(), pulsar.adminUrlTls(), "public", "default", walPrefix,
        Map.of(TRUST_VARIABLE, tls.caCertificate().toString())))
        .isEqualTo(new PulsarLogProbe.Topics(pulsar.adminUrlTls(), List.of(dmlTopic)));

    PulsarSettings settings = settings(Optional.of(tls.caCertificate()));
    String subscription = PulsarLog.subscription("ptls", walPrefix);
    LogChannel channel = new LogChannel(dmlTopic, 0);
    try (PulsarLog<byte[]> log = new PulsarLog<>(settings, subscription, settings.dmlTopics(walPrefix)
        .asMatchPredicate(), (topic, offset, value) -> value)) {
      assertThat(log.channels()).containsExactly(channel);
      assertThat(log.ends(Set.of(channel))).containsEntry(channel, PulsarPositions.offset(dmlTopic, written) + 1);
      log.read(Map.of(channel, PulsarPositions.BEGINNING));
      List<LogEntry<byte[]>> read = new ArrayList<>();
      await("the tick written over TLS is read").atMost(TIMEOUT).until(() -> {
        read.addAll(log.poll(Duration.ofMillis(200)));
        return !read.isEmpty();
      });
      assertThat(read.get(0).offset()).isEqualTo(PulsarPositions.offset(dmlTopic, written));
      assertThat(Arrays.equals(read.get(0).event(), tick)).as("the bytes written").isTrue();
      log.release();
    }
    assertThat(pulsar.topicsWithSubscription(walPrefix, subscription)).as("released over TLS").isEmpty();
  }

  @Test
  void anUntrustedCertificateFailsWithOneSentenceNamingTheTrustSetting() {
    Path otherCa = PulsarTls.selfSignedCa(certificates.resolve("other"), "another CA");
    for (Optional<Path> trusted : List.of(Optional.of(otherCa), Optional.<Path>empty())) {
      try (PulsarLog<byte[]> log = new PulsarLog<>(settings(trusted), "ptls.untrusted", topic -> true,
          (topic, offset, value) -> value)) {
        JobFailure failure = catchThrowableOfType(log::channels, JobFailure.class);
        assertThat(failure).as("trusting %s", trusted).isNotNull();
        assertThat(failure.getMessage()).startsWith("The source's Pulsar admin API at " + pulsar.adminUrlTls()
            + " presented a certificate capture does not trust (").endsWith("): set capture.wal.pulsar.tls-trust-certs"
            + " (" + TRUST_VARIABLE + ") to a PEM file of the CA certificates that signed it.").doesNotContain("\n");
      }
    }
    PulsarLogProbe.Answer answer = PulsarLogProbe.ask(pulsar.serviceUrlTls(), pulsar.adminUrlTls(), "public",
        "default", "any", Map.of(TRUST_VARIABLE, otherCa.toString()));
    assertThat(answer).isInstanceOfSatisfying(PulsarLogProbe.Untrusted.class,
        untrusted -> assertThat(untrusted.sentence()).contains("capture.wal.pulsar.tls-trust-certs"));
  }

  private static PulsarSettings settings(Optional<Path> trusted) {
    return new PulsarSettings(pulsar.serviceUrlTls(), pulsar.adminUrlTls(), "public", "default", Optional.empty(),
        trusted.map(Path::toString));
  }
}
