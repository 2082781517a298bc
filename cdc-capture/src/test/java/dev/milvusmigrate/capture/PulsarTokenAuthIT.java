package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.pulsar.PulsarDistribution;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import dev.milvusmigrate.testkit.pulsar.PulsarTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
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
    PulsarCaptureJob scenario = PulsarCaptureJob.newPipeline("ptoken", broker);
    String token = tokens.token("capture");
    try (PulsarClient client = superUserClient();
        Producer<byte[]> sourceLog = scenario.sourceLog(client);
        CdcCaptureService capture = new CdcCaptureService(config(scenario, source, token)).start()) {
      MessageId last = null;
      for (int i = 1; i <= 3; i++) {
        last = sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }
      scenario.submit(source);
      scenario.awaitStarted();
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
    assertRefused(PulsarCaptureJob.newPipeline("ptoken", broker), source, signedWithAnotherKey);
  }

  @Test
  void noTokenFailsTheJobWithOneSentenceNamingTheSetting(KafkaBroker broker, MilvusLiteServer source)
      throws Exception {
    assertRefused(PulsarCaptureJob.newPipeline("ptoken", broker), source, null);
  }

  @Test
  void theProbeBeforeAJobListsTheSourcesTopicsOnlyWithAToken(KafkaBroker broker) throws Exception {
    PulsarCaptureJob scenario = PulsarCaptureJob.newPipeline("ptoken", broker);
    try (PulsarClient client = superUserClient();
        Producer<byte[]> sourceLog = scenario.sourceLog(client)) {
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

  private static void assertRefused(PulsarCaptureJob scenario, MilvusLiteServer source, String token) throws Exception {
    try (CdcCaptureService capture = new CdcCaptureService(config(scenario, source, token)).start()) {
      scenario.submit(source);
      String reason = scenario.awaitFailure();
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
  private static void assertNowhere(String token, PulsarCaptureJob scenario) {
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

  private static CaptureConfig config(PulsarCaptureJob scenario, MilvusLiteServer source, String token) {
    return scenario.config(pulsar, source, token == null ? Map.of() : Map.of("capture.wal.pulsar.token", token));
  }
}
