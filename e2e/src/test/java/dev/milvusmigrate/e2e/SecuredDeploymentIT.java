package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.KafkaAcls.allow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.testkit.kafka.SecuredKafkaBroker;
import dev.milvusmigrate.testkit.kafka.SecuredKafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneKafkaLogin;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.milvus.StandaloneTls;
import dev.milvusmigrate.testkit.python.PyMilvus;
import dev.milvusmigrate.testkit.tls.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/DEPLOYMENT.md tells a user to do for a zero-downtime job, done as written: the CLI's
 * {@code zdm} on a SASL_SSL (SCRAM-SHA-512) Kafka, from a Milvus 2.3.5 with TLS and
 * authentication whose log is on a SASL listener of a Kafka (SASL_PLAINTEXT with PLAIN: Milvus
 * 2.3.5's Kafka configuration has no CA key, and its librdkafka 1.9.1 is refused by Kafka 4's
 * SCRAM) that capture reads with the {@code capture.wal.*} settings as a user who may only read
 * the log topics; secrets in the environment. pymilvus writes the source
 * while the job syncs and finds the target equal to the source after stop-sync; no secret shows.
 * A wrong password for the source's log is one sentence naming that connection, exit code 2,
 * nothing written.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@ExtendWith(SecuredKafkaBrokerExtension.class)
class SecuredDeploymentIT {

  private static final Duration CALL = Duration.ofMinutes(2);
  private static final String ROOT = "root:" + StandaloneOptions.ROOT_PASSWORD;

  @TempDir
  static Path certificatesDir;
  @TempDir
  Path dir;

  private static TestCertificates certificates;
  private static MilvusStandaloneServer source;
  private static MilvusStandaloneServer target;
  private final PyMilvus python = PyMilvus.shared();
  private final Path script = PyMilvus.script("secured_books.py");

  /**
   * The source: one-way TLS and a login, its log on the broker's SASL_PLAINTEXT listener as the
   * kit's user; the target: one-way TLS and a login.
   */
  @BeforeAll
  static void startServers() throws Exception {
    SecuredKafkaBroker kafka = SecuredKafkaBroker.shared();
    certificates = TestCertificates.create(certificatesDir);
    String cluster = Names.unique("sdeploy");
    source = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onKafka(kafka.saslPlaintextBootstrap()).withClusterPrefix(cluster)
            .withKafkaLogin(new StandaloneKafkaLogin("SASL_PLAINTEXT", "PLAIN", SecuredKafkaBroker.USER,
                kafka.userPassword()))
            .withAuthorization().withTls(new StandaloneTls(false, certificates)));
    target = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onRocksMq().withAuthorization().withTls(new StandaloneTls(false, certificates)));
    // cdc-capture's list for the source's log (docs/DEPLOYMENT.md): READ on the log topics, nothing else.
    try (Admin admin = kafka.internalAdmin()) {
      admin.createAcls(List.of(allow("User:" + SecuredKafkaBroker.LOG_READER, ResourceType.TOPIC,
          cluster + "-rootcoord-dml_", PatternType.PREFIXED, AclOperation.READ))).all().get(30, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void stopServers() {
    if (target != null) {
      target.close();
    }
    if (source != null) {
      source.close();
    }
  }

  @Test
  void aZeroDowntimeJobFollowingTheDeploymentGuideEndsSuccessfulWithTheTargetEqualToTheSource(
      SecuredKafkaBroker kafka) throws Exception {
    AvroTrust.install();
    String database = Names.unique("sdeploy");
    books("create", client(source), database, 0, 40);
    TopicNames topics = new TopicNames("deploy-" + database);
    new TopicProvisioner(new KafkaClients(kafka.internalBootstrap(), Map.of()), topics, (short) 1)
        .ensureSharedTopics();
    Map<String, String> environment = environment(kafka, kafka.logReaderPassword());

    try (JobControl control = new JobControl(kafka.internalBootstrap(), topics, new JobId(database), source.uri(),
        target.uri())) {
      CompletableFuture<InProcessCli.Run> zdm = CompletableFuture.supplyAsync(
          () -> zdm(environment, kafka, topics, database));
      control.awaitStatus("syncing", Duration.ofMinutes(4), s -> s.getStage() == JobStage.SYNCING);
      books("insert", client(source), database, 40, 10);
      await("pymilvus reads the rows written while syncing on the target").atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
          .untilAsserted(() -> assertThat(shown(client(target), database).get("count").getAsInt())
              .isEqualTo(50));

      control.stopSync(true);

      InProcessCli.Run run = zdm.get(3, TimeUnit.MINUTES);
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).as(run.toString()).contains("Job " + database + " ended SUCCESSFUL");
      assertThat(run.everything()).doesNotContain(kafka.userPassword(), kafka.logReaderPassword(),
          kafka.certificates().password(), StandaloneOptions.ROOT_PASSWORD);
    }
    JsonObject onSource = shown(client(source), database);
    assertThat(onSource.get("count").getAsInt()).isEqualTo(50);
    assertThat(shown(client(target), database)).isEqualTo(onSource);
  }

  @Test
  void aWrongPasswordForTheSourcesLogNamesThatConnectionAndWritesNothing(SecuredKafkaBroker kafka)
      throws Exception {
    String database = Names.unique("sdeploywrong");
    String wrong = "wrong-Log-Pa55-" + UUID.randomUUID();
    TopicNames topics = new TopicNames("deploy-" + database);
    String before = databases(target);

    InProcessCli.Run run = zdm(environment(kafka, wrong), kafka, topics, database);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains("Kafka at " + kafka.saslPlaintextBootstrap() + " (the source's log Kafka)",
        "capture.wal.sasl.jaas.config");
    assertThat(run.everything()).doesNotContain(wrong, kafka.userPassword(), kafka.certificates().password());
    assertThat(databases(target)).isEqualTo(before).doesNotContain(database);
    try (Admin admin = kafka.internalAdmin()) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(t -> t.startsWith(topics.prefix()));
    }
  }

  /**
   * docs/DEPLOYMENT.md's {@code zdm} example: the pipeline's Kafka with options, the source log's
   * non-secret settings in {@code --config}, every secret in the environment.
   */
  private InProcessCli.Run zdm(Map<String, String> environment, SecuredKafkaBroker kafka, TopicNames topics,
      String job) {
    Path config = dir.resolve("source-log.properties");
    try {
      Files.writeString(config, "capture.wal.security.protocol=SASL_PLAINTEXT\n"
          + "capture.wal.sasl.mechanism=PLAIN\n");
    } catch (IOException e) {
      throw new AssertionError("Cannot write " + config, e);
    }
    return InProcessCli.runWith(environment, "zdm", "--kafka", kafka.saslSslBootstrap(),
        "--kafka-security-protocol", "SASL_SSL", "--kafka-sasl-mechanism", "SCRAM-SHA-512",
        "--kafka-truststore", kafka.certificates().truststore().toString(),
        "--source", source.uri(), "--source-ca-cert", certificates.caPem().toString(), "--source-user", "root",
        "--source-wal-kafka", kafka.saslPlaintextBootstrap(), "--source-wal-prefix", source.clusterPrefix(),
        "--config", config.toString(), "--target", target.uri(), "--target-ca-cert", certificates.caPem().toString(),
        "--target-user", "root", "--topic-prefix", topics.prefix(),
        "--job-id", job);
  }

  /** The secrets as the user exports them: the pipeline's login, its trust store's password, the source's. */
  private static Map<String, String> environment(SecuredKafkaBroker kafka, String logReaderPassword) {
    return Map.of("MILVUS_MIGRATE_KAFKA_SASL_JAAS_CONFIG",
        SecuredKafkaBroker.scramLogin(SecuredKafkaBroker.USER, kafka.userPassword()),
        "MILVUS_MIGRATE_KAFKA_SSL_TRUSTSTORE_PASSWORD", kafka.certificates().password(),
        "MILVUS_MIGRATE_SOURCE_PASSWORD", StandaloneOptions.ROOT_PASSWORD,
        "MILVUS_MIGRATE_TARGET_PASSWORD", StandaloneOptions.ROOT_PASSWORD,
        "MILVUS_MIGRATE_CAPTURE_WAL_SASL_JAAS_CONFIG",
        SecuredKafkaBroker.plainLogin(SecuredKafkaBroker.LOG_READER, logReaderPassword));
  }

  private static List<String> client(MilvusStandaloneServer server) {
    return List.of("--uri", server.uri(), "--token", ROOT, "--ca", certificates.caPem().toString());
  }

  private String books(String command, List<String> connection, String database, int first, int rows) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(connection);
    args.addAll(List.of("--db", database, "--first", Integer.toString(first), "--rows", Integer.toString(rows)));
    return python.run(script, CALL, args);
  }

  /** The server's databases as pymilvus lists them. */
  private String databases(MilvusStandaloneServer server) {
    List<String> args = new ArrayList<>(List.of("databases"));
    args.addAll(client(server));
    return python.run(script, CALL, args);
  }

  /** pymilvus's view of the books: their count and every id with its title. */
  private JsonObject shown(List<String> connection, String database) {
    return JsonParser.parseString(books("show", connection, database, 0, 0).strip()).getAsJsonObject();
  }
}
