package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CaptureCheckpoint;
import dev.milvusmigrate.schemas.avro.CaptureStarted;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.pulsar.PulsarDistribution;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import dev.milvusmigrate.testkit.pulsar.PulsarTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * Capture from a source Pulsar that requires token authentication: a Pulsar standalone of this
 * class's own (the JVM's shared one has none), started with {@code authenticationEnabled} and
 * the token provider. With the right {@code capture.wal.pulsar.token} capture reads the DML
 * topic and commits positions past what was written; with a wrong or no token the job fails with
 * one sentence naming {@code capture.wal.pulsar.token}. No token ever shows in the log, the
 * failure or the job's progress events.
 *
 * <p>No Milvus runs on this Pulsar (the test kit's Milvus 2.3.5 is not configured with a Pulsar
 * token): the test writes the DML topic itself with a plain producer holding the super-user's
 * token (time ticks, as Milvus writes them), as {@link PulsarBrokerRestartIT} does, with Milvus
 * Lite as the source's metadata. {@link PulsarLogProbe}, {@code milvus-migrate zdm}'s check before a
 * job, is asked too.
 */
@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class})
class PulsarTokenAuthIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
  private static PulsarTokens tokens;
  private static PulsarStandalone pulsar;

  @BeforeAll
  static void startSecuredPulsar() {
    tokens = PulsarTokens.random();
    pulsar = PulsarStandalone.startWithTokens(PulsarDistribution.shared(), tokens);
    LOG.start();
    rootLogger().addAppender(LOG);
  }

  @AfterAll
  static void stopSecuredPulsar() {
    rootLogger().detachAppender(LOG);
    if (pulsar != null) {
      pulsar.close();
    }
  }

  @AfterEach
  void forgetLog() {
    LOG.list.clear();
  }

  @Test
  void captureWithTheRightTokenReadsTheLog(KafkaBroker broker, MilvusLiteServer source) throws Exception {
    Scenario scenario = new Scenario(broker);
    String token = tokens.token("capture");
    try (PulsarClient client = superUserClient();
        Producer<byte[]> sourceLog = client.newProducer(Schema.BYTES).topic(scenario.dmlTopic)
            .enableBatching(false).create();
        CdcCaptureService capture = new CdcCaptureService(scenario.config(source, token)).start()) {
      MessageId last = null;
      for (int i = 1; i <= 3; i++) {
        last = sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }
      CaptureJobs.submit(scenario.clients, scenario.topics, scenario.job, source.uri());
      ExpiredSourcePositionIT.awaitProgress(scenario.clients, scenario.topics, event ->
          event.getPayload() instanceof CaptureStarted started && started.getJobId().equals(scenario.job.value()));
      for (int i = 4; i <= 6; i++) {
        last = sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }
      long after = PulsarPositions.offset(scenario.dmlTopic, last) + 1;

      await("capture's checkpoint passed every tick written").atMost(TIMEOUT)
          .until(() -> scenario.checkpoints().contains(after));
      assertThat(capture.isCapturing(scenario.job.value())).isTrue();
      assertThat(pulsar.topicsWithSubscription(scenario.walPrefix, scenario.subscription))
          .as("capture's own subscription, made with the token").containsExactly(scenario.dmlTopic);
      assertThat(scenario.progress()).noneMatch(event -> event.getPayload() instanceof JobFailed);
    }
    assertNowhere(token, scenario);
  }

  @Test
  void aWrongTokenFailsTheJobWithOneSentenceNamingTheSetting(KafkaBroker broker, MilvusLiteServer source)
      throws Exception {
    String signedWithAnotherKey = PulsarTokens.random().token(PulsarTokens.SUPER_USER);
    assertRefused(new Scenario(broker), source, signedWithAnotherKey);
  }

  @Test
  void noTokenFailsTheJobWithOneSentenceNamingTheSetting(KafkaBroker broker, MilvusLiteServer source)
      throws Exception {
    assertRefused(new Scenario(broker), source, null);
  }

  @Test
  void theProbeBeforeAJobListsTheSourcesTopicsOnlyWithAToken(KafkaBroker broker) throws Exception {
    Scenario scenario = new Scenario(broker);
    try (PulsarClient client = superUserClient();
        Producer<byte[]> sourceLog = client.newProducer(Schema.BYTES).topic(scenario.dmlTopic)
            .enableBatching(false).create()) {
      sourceLog.send(ExpiredSourcePositionIT.tick(1));
    }
    String tokenVariable = CaptureConfig.WAL_PULSAR_TOKEN.envName();
    assertThat(PulsarLogProbe.ask(pulsar.serviceUrl(), pulsar.adminUrl(), "public", "default", scenario.walPrefix,
        Map.of(tokenVariable, tokens.token("capture"))))
        .isEqualTo(new PulsarLogProbe.Topics(pulsar.adminUrl(), List.of(scenario.dmlTopic)));
    assertThat(PulsarLogProbe.ask(pulsar.serviceUrl(), pulsar.adminUrl(), "public", "default", scenario.walPrefix,
        Map.of(tokenVariable, PulsarTokens.random().token("capture"))))
        .isEqualTo(new PulsarLogProbe.Status(pulsar.adminUrl(), 401));
    assertThat(PulsarLogProbe.ask(pulsar.serviceUrl(), pulsar.adminUrl(), "public", "default", scenario.walPrefix,
        Map.of())).isEqualTo(new PulsarLogProbe.Status(pulsar.adminUrl(), 401));
  }

  private static void assertRefused(Scenario scenario, MilvusLiteServer source, String token) throws Exception {
    try (CdcCaptureService capture = new CdcCaptureService(scenario.config(source, token)).start()) {
      CaptureJobs.submit(scenario.clients, scenario.topics, scenario.job, source.uri());
      ProgressEvent event = ExpiredSourcePositionIT.awaitProgress(scenario.clients, scenario.topics,
          e -> e.getPayload() instanceof JobFailed failed && failed.getJobId().equals(scenario.job.value()));
      String reason = ((JobFailed) event.getPayload()).getReason();
      assertThat(reason).startsWith("The source's Pulsar admin API answered 401 to GET " + pulsar.adminUrl()
          + "/admin/v2/persistent/public/default").contains("; check capture.wal.pulsar.token and that its role may"
          + " read public/default and manage its subscriptions.").endsWith(".").doesNotContain("\n");
      await("capture of the failed job stopped").atMost(TIMEOUT).until(() -> !capture.isCapturing(scenario.job.value()));
    }
    if (token != null) {
      assertNowhere(token, scenario);
    }
  }

  /** The token is in no log line (message or stack trace) and no progress event of the job. */
  private static void assertNowhere(String token, Scenario scenario) {
    List<ILoggingEvent> logged = List.copyOf(LOG.list);
    assertThat(logged).as("something was logged").isNotEmpty();
    assertThat(logged).noneMatch(event -> event.getFormattedMessage().contains(token)
        || (event.getThrowableProxy() != null && ThrowableProxyUtil.asString(event.getThrowableProxy()).contains(token)));
    assertThat(scenario.progress()).isNotEmpty().noneMatch(event -> event.toString().contains(token));
  }

  private static PulsarClient superUserClient() throws Exception {
    return PulsarClient.builder().serviceUrl(pulsar.serviceUrl())
        .authentication(AuthenticationFactory.token(tokens.token(PulsarTokens.SUPER_USER))).build();
  }

  private static Logger rootLogger() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** One job's names: its topics, its source's DML topic on the secured Pulsar, capture's subscription. */
  private static final class Scenario {
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final TopicNames topics = new TopicNames("ptoken-" + suffix);
    final JobId job = new JobId("zdm-" + suffix);
    final String walPrefix = "src" + suffix;
    final String dmlTopic = "persistent://public/default/" + walPrefix + "-rootcoord-dml_0";
    final String subscription = topics.prefix() + ".cdc-capture." + job.value();
    final KafkaBroker broker;
    final KafkaClients clients;

    Scenario(KafkaBroker broker) {
      this.broker = broker;
      this.clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    }

    CaptureConfig config(MilvusLiteServer source, String token) {
      Map<String, String> settings = new HashMap<>(Map.of(
          "kafka.bootstrap", broker.bootstrapServers(),
          "kafka.topic-prefix", topics.prefix(),
          "source.uri", source.uri(),
          "capture.wal.pulsar.service-url", pulsar.serviceUrl(),
          "capture.wal.pulsar.admin-url", pulsar.adminUrl(),
          "capture.wal.prefix", walPrefix,
          "capture.heartbeat.interval", "200ms",
          "capture.retry.backoff", "500ms"));
      if (token != null) {
        settings.put("capture.wal.pulsar.token", token);
      }
      return CaptureConfig.of(Map.of(), Map.of(), settings);
    }

    List<Long> checkpoints() {
      return ExpiredSourcePositionIT.allOf(clients, topics.captureCheckpoints(job), CaptureCheckpoint.class).stream()
          .filter(checkpoint -> checkpoint.getSourceTopic().equals(dmlTopic))
          .map(CaptureCheckpoint::getNextOffset).toList();
    }

    List<ProgressEvent> progress() {
      return ExpiredSourcePositionIT.allOf(clients, topics.progress(), ProgressEvent.class);
    }
  }
}
