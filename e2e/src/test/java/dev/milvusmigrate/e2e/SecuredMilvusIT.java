package dev.milvusmigrate.e2e;

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
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.milvus.StandaloneTls;
import dev.milvusmigrate.testkit.python.PyMilvus;
import dev.milvusmigrate.testkit.tls.TestCertificates;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Milvus 2.3.5 with TLS and authentication, certificates made by the test: a server with one-way
 * TLS (its log on the test kit's Kafka) and one with mutual TLS, both requiring a login. Offline
 * and zero-downtime jobs through the CLI with the {@code source.tls.*}/{@code target.tls.*}
 * settings; pymilvus, with the same certificates, writes the source and reads the result. A
 * plain {@code http://} address of the TLS server is one sentence saying to use {@code https://},
 * exit code 2, nothing written.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class})
class SecuredMilvusIT {

  private static final Duration CALL = Duration.ofMinutes(2);
  private static final String ROOT = "root:" + StandaloneOptions.ROOT_PASSWORD;

  @TempDir
  static Path certificatesDir;
  @TempDir
  Path dir;

  private static TestCertificates certificates;
  private static MilvusStandaloneServer oneWay;
  private static MilvusStandaloneServer mutual;
  private final PyMilvus python = PyMilvus.shared();
  private final Path script = PyMilvus.script("secured_books.py");

  @BeforeAll
  static void startServers() {
    certificates = TestCertificates.create(certificatesDir);
    oneWay = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onKafka(KafkaBroker.shared().bootstrapServers()).withClusterPrefix(Names.unique("tls"))
            .withAuthorization().withTls(new StandaloneTls(false, certificates)));
    mutual = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onRocksMq().withAuthorization().withTls(new StandaloneTls(true, certificates)));
  }

  @AfterAll
  static void stopServers() {
    if (mutual != null) {
      mutual.close();
    }
    if (oneWay != null) {
      oneWay.close();
    }
  }

  @Test
  void anOfflineJobCopiesFromAOneWayTlsSourceThatRequiresALogin(MilvusLiteServer target) {
    String database = Names.unique("tlssource");
    books("create", oneWayClient(), database, 0, 40);

    InProcessCli.Run run = OfflineRun.of(oneWay.uri(), target.uri(), database, "--source-ca-cert",
        certificates.caPem().toString(), "--source-user", "root", "--source-password",
        StandaloneOptions.ROOT_PASSWORD);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertBooks(List.of("--uri", target.uri()), database, 40);
    assertThat(run.everything()).doesNotContain(StandaloneOptions.ROOT_PASSWORD);
  }

  @Test
  void anOfflineJobWritesToAMutualTlsTargetThatRequiresALogin(MilvusLiteServer source) throws IOException {
    String database = Names.unique("tlstarget");
    books("create", List.of("--uri", source.uri()), database, 0, 40);

    InProcessCli.Run run = OfflineRun.of(source.uri(), mutual.uri(), database, "--config",
        mutualTarget().toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertBooks(mutualClient(), database, 40);
  }

  /**
   * {@code zdm} from the one-way TLS source (its log read from Kafka) to the mutual TLS target;
   * rows written while it syncs reach the target, and stop-sync ends it SUCCESSFUL.
   */
  @Test
  void aZeroDowntimeJobSyncsFromTheTlsSourceToTheMutualTlsTarget() throws Exception {
    AvroTrust.install();
    String database = Names.unique("tlszdm");
    books("create", oneWayClient(), database, 0, 40);
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    TopicNames topics = new TopicNames(OfflineRun.topicPrefix(database));
    new TopicProvisioner(new KafkaClients(bootstrap, Map.of()), topics, (short) 1).ensureSharedTopics();
    Path config = mutualTarget();

    try (JobControl control = new JobControl(bootstrap, topics, new JobId(database), oneWay.uri(), mutual.uri())) {
      CompletableFuture<InProcessCli.Run> zdm = CompletableFuture.supplyAsync(() -> InProcessCli.run("zdm",
          "--source", oneWay.uri(), "--source-ca-cert", certificates.caPem().toString(), "--source-user", "root",
          "--source-password", StandaloneOptions.ROOT_PASSWORD, "--target", mutual.uri(), "--config",
          config.toString(), "--source-wal-kafka", bootstrap, "--source-wal-prefix", oneWay.clusterPrefix(),
          "--kafka", bootstrap, "--topic-prefix", topics.prefix(), "--job-id", database));
      control.awaitStatus("syncing", Duration.ofMinutes(4), s -> s.getStage() == JobStage.SYNCING);
      books("insert", oneWayClient(), database, 40, 10);
      assertBooksEventually(mutualClient(), database, 50);

      control.stopSync(true);

      InProcessCli.Run run = zdm.get(3, TimeUnit.MINUTES);
      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.everything()).doesNotContain(StandaloneOptions.ROOT_PASSWORD);
    }
    assertBooks(mutualClient(), database, 50);
  }

  @Test
  void plainHttpAgainstTheTlsServerSaysToUseHttpsAndWritesNothing(MilvusLiteServer target) throws Exception {
    String database = Names.unique("tlsplain");
    books("create", oneWayClient(), database, 0, 5);
    String plain = "http://" + oneWay.host() + ":" + oneWay.port();

    InProcessCli.Run run = OfflineRun.of(plain, target.uri(), database, "--source-user", "root",
        "--source-password", StandaloneOptions.ROOT_PASSWORD);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains("Milvus at " + plain + " ", "https://" + oneWay.host() + ":" + oneWay.port());
    try (MilvusData data = new MilvusData(target.uri())) {
      assertThat(data.databases()).doesNotContain(database);
    }
    try (Admin admin = KafkaBroker.shared().admin()) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .noneMatch(topic -> topic.startsWith(OfflineRun.topicPrefix(database)));
    }
  }

  /** The mutual TLS target's settings as a user writes them in a {@code --config} file. */
  private Path mutualTarget() throws IOException {
    Properties props = new Properties();
    props.putAll(Map.of("target.tls.ca-cert", certificates.caPem().toString(),
        "target.tls.client-cert", certificates.clientCertificatePem().toString(),
        "target.tls.client-key", certificates.clientKeyPem().toString(),
        "target.user", "root", "target.password", StandaloneOptions.ROOT_PASSWORD));
    Path file = Files.createTempFile(dir, "target", ".properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, null);
    }
    return file;
  }

  private static List<String> oneWayClient() {
    return List.of("--uri", oneWay.uri(), "--token", ROOT, "--ca", certificates.caPem().toString());
  }

  private static List<String> mutualClient() {
    return List.of("--uri", mutual.uri(), "--token", ROOT, "--ca", certificates.caPem().toString(),
        "--client-cert", certificates.clientCertificatePem().toString(), "--client-key",
        certificates.clientKeyPem().toString());
  }

  private String books(String command, List<String> connection, String database, int first, int rows) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(connection);
    args.addAll(List.of("--db", database, "--first", Integer.toString(first), "--rows", Integer.toString(rows)));
    return python.run(script, CALL, args);
  }

  /** pymilvus reads {@code count} books, ids 0 .. count-1, each with its title. */
  private void assertBooks(List<String> connection, String database, int count) {
    JsonObject shown = JsonParser.parseString(books("show", connection, database, 0, 0).strip()).getAsJsonObject();
    assertThat(shown.get("count").getAsInt()).isEqualTo(count);
    JsonObject titles = shown.getAsJsonObject("titles");
    assertThat(titles.size()).isEqualTo(count);
    for (int id = 0; id < count; id++) {
      assertThat(titles.get(Integer.toString(id)).getAsString()).isEqualTo("book " + id);
    }
  }

  private void assertBooksEventually(List<String> connection, String database, int count) {
    await("pymilvus reads " + count + " books on the target").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
        .untilAsserted(() -> assertBooks(connection, database, count));
  }
}
