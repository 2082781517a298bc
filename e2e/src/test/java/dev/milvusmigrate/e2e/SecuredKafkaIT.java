package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.Rows.intKey;
import static dev.milvusmigrate.e2e.Rows.varchar;
import static dev.milvusmigrate.e2e.Rows.vector;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.testkit.kafka.SecuredKafkaBroker;
import dev.milvusmigrate.testkit.kafka.SecuredKafkaBrokerExtension;
import dev.milvusmigrate.testkit.kafka.TestCertificates;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline jobs on a secured Kafka (SASL_SSL with SCRAM-SHA-512, and SSL with a client
 * certificate), every service and the CLI connecting with the {@code kafka.*} security settings;
 * a wrong password, an untrusted broker certificate and a plaintext client against a TLS listener
 * each stop the command with one sentence naming the connection and the setting to fix, exit code
 * 2, secrets shown nowhere, and nothing written to the target or to Kafka.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusLiteExtension.class, SecuredKafkaBrokerExtension.class})
class SecuredKafkaIT {

  private static final String WRONG_PASSWORD = "wrong-Kafka-Pa55-4417";
  private static MilvusLiteServer target;

  @TempDir
  Path dir;

  @BeforeAll
  static void startTarget() {
    target = MilvusLiteServer.start(PythonMilvusEnvironment.shared());
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  @Test
  void anOfflineJobRunsOnTheSaslSslListener(MilvusLiteServer source, SecuredKafkaBroker kafka) throws IOException {
    String database = books(source);
    Path config = properties(Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512",
        "kafka.sasl.jaas.config", SecuredKafkaBroker.scramLogin(SecuredKafkaBroker.USER, kafka.userPassword())),
        trusting(kafka.certificates().truststore(), kafka.certificates()));

    InProcessCli.Run run = offline(source, database, kafka.saslSslBootstrap(), "--config", config.toString());

    assertMigrated(run, source, database);
    assertThat(run.everything()).doesNotContain(kafka.userPassword(), kafka.certificates().password());
  }

  @Test
  void anOfflineJobRunsOnTheSslListenerWithAClientCertificate(MilvusLiteServer source, SecuredKafkaBroker kafka) {
    String database = books(source);
    TestCertificates certificates = kafka.certificates();

    InProcessCli.Run run = offline(source, database, kafka.sslBootstrap(), "--kafka-security-protocol", "SSL",
        "--kafka-truststore", certificates.truststore().toString(), "--kafka-truststore-password",
        certificates.password(), "--kafka-keystore", certificates.clientKeystore().toString(),
        "--kafka-keystore-password", certificates.password());

    assertMigrated(run, source, database);
  }

  @Test
  void aWrongPasswordNamesTheJaasSettingAndWritesNothing(MilvusLiteServer source, SecuredKafkaBroker kafka)
      throws IOException {
    String database = books(source);
    Path config = properties(Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512",
        "kafka.sasl.jaas.config", SecuredKafkaBroker.scramLogin(SecuredKafkaBroker.USER, WRONG_PASSWORD)),
        trusting(kafka.certificates().truststore(), kafka.certificates()));

    InProcessCli.Run run = offline(source, database, kafka.saslSslBootstrap(), "--config", config.toString());

    assertRefused(run, kafka, database, kafka.saslSslBootstrap() + " (the pipeline's Kafka) refused the SASL login",
        "kafka.sasl.jaas.config");
    assertThat(run.everything()).doesNotContain(WRONG_PASSWORD);
  }

  @Test
  void anUntrustedBrokerCertificateNamesTheTrustStoreAndWritesNothing(MilvusLiteServer source,
      SecuredKafkaBroker kafka) throws IOException {
    String database = books(source);
    Path config = properties(Map.of("kafka.security.protocol", "SSL",
        "kafka.ssl.keystore.location", kafka.certificates().clientKeystore().toString(),
        "kafka.ssl.keystore.password", kafka.certificates().password()),
        trusting(kafka.certificates().otherTruststore(), kafka.certificates()));

    InProcessCli.Run run = offline(source, database, kafka.sslBootstrap(), "--config", config.toString());

    assertRefused(run, kafka, database, "The TLS handshake with Kafka at " + kafka.sslBootstrap(),
        "kafka.ssl.truststore.location");
  }

  @Test
  void aPlaintextClientAgainstTheTlsListenerNamesTheSecurityProtocolAndWritesNothing(MilvusLiteServer source,
      SecuredKafkaBroker kafka) {
    String database = books(source);

    InProcessCli.Run run = offline(source, database, kafka.sslBootstrap());

    assertRefused(run, kafka, database, "Kafka at " + kafka.sslBootstrap(), "kafka.security.protocol");
  }

  private InProcessCli.Run offline(MilvusLiteServer source, String database, String bootstrap, String... extra) {
    List<String> args = new ArrayList<>(List.of("offline", "--source", source.uri(), "--target", target.uri(),
        "--database", database, "--job-id", database, "--kafka", bootstrap, "--topic-prefix", prefix(database)));
    args.addAll(List.of(extra));
    return InProcessCli.run(args.toArray(String[]::new));
  }

  private static String prefix(String database) {
    return "secured-" + database;
  }

  private static String books(MilvusLiteServer source) {
    String database = Names.unique("secured");
    try (MilvusData data = new MilvusData(source.uri()).database(database)) {
      data.create("books", SourceDatabase.schema(false, intKey("id"), varchar("title", 32), vector("embedding", 8)));
      data.insert("books", MilvusData.rows(40, i -> {
        JsonObject row = new JsonObject();
        row.addProperty("id", (long) i);
        row.addProperty("title", "book " + i);
        row.add("embedding", Rows.vector(i, 8));
        return row;
      }));
      data.flush("books");
    }
    return database;
  }

  private static Map<String, String> trusting(Path truststore, TestCertificates certificates) {
    return Map.of("kafka.ssl.truststore.location", truststore.toString(), "kafka.ssl.truststore.type",
        certificates.storeType(), "kafka.ssl.truststore.password", certificates.password());
  }

  private Path properties(Map<String, String> settings, Map<String, String> more) throws IOException {
    Properties props = new Properties();
    props.putAll(settings);
    props.putAll(more);
    Path file = Files.createTempFile(dir, "cli", ".properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, null);
    }
    return file;
  }

  private static void assertMigrated(InProcessCli.Run run, MilvusLiteServer source, String database) {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    try (MilvusData from = new MilvusData(source.uri()).use(database);
        MilvusData to = new MilvusData(target.uri()).use(database)) {
      from.load("books");
      to.load("books");
      new MigratedCollection(from, to, "books").hasSameSchema().hasSameEntities(40);
    }
  }

  private static void assertRefused(InProcessCli.Run run, SecuredKafkaBroker kafka, String database,
      String... sentenceParts) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains(sentenceParts);
    assertThat(run.everything()).doesNotContain(kafka.certificates().password(), kafka.userPassword());
    try (MilvusData data = new MilvusData(target.uri())) {
      assertThat(data.databases()).doesNotContain(database);
    }
    try (Admin admin = kafka.internalAdmin()) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(t -> t.startsWith(prefix(database)));
    } catch (Exception e) {
      throw new AssertionError("Cannot list the secured broker's topics", e);
    }
  }
}
