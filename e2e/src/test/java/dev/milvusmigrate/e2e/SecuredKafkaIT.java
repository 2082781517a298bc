package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.Rows.intKey;
import static dev.milvusmigrate.e2e.Rows.varchar;
import static dev.milvusmigrate.e2e.Rows.vector;
import static dev.milvusmigrate.e2e.KafkaAcls.allow;
import static dev.milvusmigrate.e2e.KafkaAcls.scram;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.proxy.PassThroughServer;
import dev.milvusmigrate.proxy.ProxyConfig;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.sink.SinkWriterService;
import dev.milvusmigrate.testkit.kafka.SecuredKafkaBroker;
import dev.milvusmigrate.testkit.kafka.SecuredKafkaBrokerExtension;
import dev.milvusmigrate.testkit.tls.TestCertificates;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
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
 * Offline jobs on a secured Kafka (SASL_SSL with SCRAM-SHA-512, and SSL with a client
 * certificate), every service and the CLI connecting with the {@code kafka.*} security settings,
 * and a zero-downtime job with every service on SASL_SSL (the source's log on the test kit's
 * plaintext broker); the exporter, the sink-writer and the capture-proxy with exactly their ACLs,
 * and the sink-writer without its group ACL;
 * a wrong password, an untrusted broker certificate and a plaintext client against a TLS listener
 * each stop the command with one sentence naming the connection and the setting to fix, exit code
 * 2, secrets shown nowhere, and nothing written to the target or to Kafka.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusLiteExtension.class, MilvusStandaloneExtension.class, SecuredKafkaBrokerExtension.class})
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

  @Test
  void aZeroDowntimeJobRunsWithEveryServiceOnTheSaslSslListener(MilvusStandaloneServer source,
      SecuredKafkaBroker kafka) throws Exception {
    String database = Names.unique("securedzdm");
    try (MilvusData data = new MilvusData(source.uri()).database(database)) {
      data.create("books", SourceDatabase.schema(false, intKey("id"), varchar("title", 32), vector("embedding", 8)));
      data.insert("books", bookRows(0, 40));
      data.flush("books");
    }
    Map<String, String> services = new HashMap<>(scram(kafka, SecuredKafkaBroker.USER, kafka.userPassword()));
    services.put("kafka.bootstrap", kafka.saslSslBootstrap());
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), source.clusterPrefix(), target.uri(),
        dir.resolve("zdm-lag"), Map.of(), new ZeroDowntimeRun.PipelineKafka(services, kafka.internalBootstrap()))) {
      run.control().submit(null);
      run.control().awaitStatus("syncing", Duration.ofMinutes(3), s -> s.getStage() == JobStage.SYNCING);
      try (MilvusData data = new MilvusData(source.uri()).use(database)) {
        data.insert("books", bookRows(40, 10));
      }

      run.control().stopSync(true);

      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(2),
          s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      try (MilvusData from = new MilvusData(source.uri()).use(database);
          MilvusData to = new MilvusData(target.uri()).use(database)) {
        from.load("books");
        to.load("books");
        new MigratedCollection(from, to, "books").hasSameSchema().hasSameEntities(50);
      }
    } finally {
      // The source server is shared by this JVM's tests, and a zero-downtime job reads every database.
      try (MilvusData data = new MilvusData(source.uri())) {
        data.dropDatabase(database);
      }
    }
  }

  @Test
  void anExporterAndASinkWriterWithOnlyTheirAclsMigrateTheDatabase(MilvusLiteServer source,
      SecuredKafkaBroker kafka) throws Exception {
    String database = books(source);

    InProcessCli.Run run = offlineWithRestrictedServices(source, kafka, database, acls -> acls);

    assertMigrated(run, source, database);
  }

  @Test
  void aSinkWriterWithoutItsConsumerGroupAclFailsTheJobNamingTheGroup(MilvusLiteServer source,
      SecuredKafkaBroker kafka) throws Exception {
    String database = books(source);
    String group = prefix(database) + "-sink-" + database;

    InProcessCli.Run run = offlineWithRestrictedServices(source, kafka, database, acls -> acls.stream()
        .filter(acl -> acl.pattern().resourceType() != ResourceType.GROUP).toList());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out() + run.err()).contains("(the pipeline's Kafka) denied reading " + prefix(database)
        + ".job." + database + ".snapshot in consumer group " + group);
    try (MilvusData data = new MilvusData(target.uri())) {
      assertThat(data.databases()).doesNotContain(database);
    }
  }

  /**
   * The capture-proxy under a user with exactly its ACLs (docs/DEPLOYMENT.md) creates its topic,
   * reads it back for open intents, fences with its transactional id and records the Java SDK's
   * insert through it.
   */
  @Test
  void aCaptureProxyWithOnlyItsAclsRecordsTheWrites(MilvusLiteServer source, SecuredKafkaBroker kafka)
      throws Exception {
    String database = books(source);
    TopicNames topics = new TopicNames(prefix(database));
    String proxyUser = "proxy-" + database;
    String proxyPassword = UUID.randomUUID().toString();
    kafka.addUser(proxyUser, proxyPassword);
    try (Admin admin = kafka.internalAdmin()) {
      admin.createAcls(proxyAcls(topics, "User:" + proxyUser)).all().get(30, TimeUnit.SECONDS);
    }
    Map<String, String> settings = new HashMap<>(scram(kafka, proxyUser, proxyPassword));
    settings.putAll(Map.of("kafka.bootstrap", kafka.saslSslBootstrap(), "kafka.topic-prefix", topics.prefix(),
        "source.uri", source.uri(), "proxy.listen", "127.0.0.1:0", "metrics.port", "0", "proxy.source-id", "lite"));
    try {
      try (PassThroughServer proxy = PassThroughServer.startRecording(ProxyConfig.of(Map.of(), Map.of(), settings),
          write -> { }, () -> { });
          MilvusData data = new MilvusData("http://127.0.0.1:" + proxy.port()).use(database)) {
        data.insert("books", bookRows(40, 5));
      }
      List<ProxyChange> records = new ArrayList<>();
      new KafkaClients(kafka.internalBootstrap(), Map.of()).readUncommittedToEnd(ProxyChange.class,
          topics.proxyChanges("lite"), "acl-check", records::add);
      assertThat(records).filteredOn(change -> change.getKind() == ProxyChangeKind.INSERT).singleElement()
          .satisfies(insert -> {
            assertThat(insert.getCollection()).isEqualTo("books");
            assertThat(insert.getRowCount()).isEqualTo(5);
          });
    } finally {
      try (MilvusData data = new MilvusData(source.uri())) {
        data.dropDatabase(database);
      }
    }
  }

  /** The capture-proxy's ACLs as docs/DEPLOYMENT.md lists them. */
  private static List<AclBinding> proxyAcls(TopicNames topics, String principal) {
    String prefix = topics.prefix();
    List<AclBinding> acls = new ArrayList<>();
    for (AclOperation operation : List.of(AclOperation.DESCRIBE, AclOperation.CREATE)) {
      acls.add(allow(principal, ResourceType.TOPIC, prefix + ".", PatternType.PREFIXED, operation));
    }
    for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.READ)) {
      acls.add(allow(principal, ResourceType.TOPIC, prefix + ".proxy.", PatternType.PREFIXED, operation));
    }
    for (String topic : List.of(topics.jobs(), topics.status(), topics.control())) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
    }
    acls.add(allow(principal, ResourceType.TOPIC, topics.control(), PatternType.LITERAL, AclOperation.WRITE));
    String own = prefix + ".capture-proxy.";
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, own, PatternType.PREFIXED, AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, own, PatternType.PREFIXED, AclOperation.DESCRIBE));
    return acls;
  }

  /**
   * Runs an offline job with the services on their own ({@code --external-services}): the
   * lag-monitor as the kit's user, the exporter as a user of its own with its ACLs, the sink-writer
   * as a user of its own with the given part of its ACLs.
   */
  private InProcessCli.Run offlineWithRestrictedServices(MilvusLiteServer source, SecuredKafkaBroker kafka,
      String database, UnaryOperator<List<AclBinding>> granted) throws Exception {
    TopicNames topics = new TopicNames(prefix(database));
    String sinkUser = "sink-" + database;
    String sinkPassword = UUID.randomUUID().toString();
    kafka.addUser(sinkUser, sinkPassword);
    String exporterUser = "exporter-" + database;
    String exporterPassword = UUID.randomUUID().toString();
    kafka.addUser(exporterUser, exporterPassword);
    try (Admin admin = kafka.internalAdmin()) {
      admin.createAcls(granted.apply(sinkWriterAcls(topics, "User:" + sinkUser))).all().get(30, TimeUnit.SECONDS);
      admin.createAcls(exporterAcls(topics, "User:" + exporterUser)).all().get(30, TimeUnit.SECONDS);
    }
    Map<String, String> services = new HashMap<>(scram(kafka, SecuredKafkaBroker.USER, kafka.userPassword()));
    services.putAll(Map.of("kafka.bootstrap", kafka.saslSslBootstrap(), "kafka.topic-prefix", topics.prefix(),
        "presence.interval", "500ms", "source.uri", source.uri()));
    Map<String, String> lag = new HashMap<>(services);
    lag.put("lag.state-dir", dir.resolve("lag").toString());
    Map<String, String> exporting = new HashMap<>(services);
    exporting.putAll(scram(kafka, exporterUser, exporterPassword));
    Map<String, String> sink = new HashMap<>(services);
    sink.putAll(scram(kafka, sinkUser, sinkPassword));
    sink.put("target.uri", target.uri());
    Path config = properties(scram(kafka, SecuredKafkaBroker.USER, kafka.userPassword()), Map.of());

    try (LagMonitorService lagMonitor = new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(), lag)).start();
        SnapshotExporterService exporter = new SnapshotExporterService(
            ExporterConfig.of(Map.of(), Map.of(), exporting)).start();
        SinkWriterService sinkWriter = new SinkWriterService(SinkConfig.of(Map.of(), Map.of(), sink)).start()) {
      return offline(source, database, kafka.saslSslBootstrap(), "--external-services", "--config",
          config.toString());
    }
  }

  /** The sink-writer's ACLs as docs/DEPLOYMENT.md lists them. */
  private static List<AclBinding> sinkWriterAcls(TopicNames topics, String principal) {
    String prefix = topics.prefix();
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".", PatternType.PREFIXED, AclOperation.DESCRIBE));
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".", PatternType.PREFIXED, AclOperation.CREATE));
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".job.", PatternType.PREFIXED, AclOperation.READ));
    for (String topic : List.of(topics.jobs(), topics.control(), topics.status(), topics.progress())) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
    }
    for (String topic : List.of(topics.progress(), topics.services(), topics.deadLetters())) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
    }
    acls.add(allow(principal, ResourceType.GROUP, prefix + "-sink-", PatternType.PREFIXED, AclOperation.READ));
    return acls;
  }

  /** The snapshot-exporter's ACLs as docs/DEPLOYMENT.md lists them. */
  private static List<AclBinding> exporterAcls(TopicNames topics, String principal) {
    String prefix = topics.prefix();
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".", PatternType.PREFIXED, AclOperation.DESCRIBE));
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".", PatternType.PREFIXED, AclOperation.CREATE));
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".job.", PatternType.PREFIXED, AclOperation.READ));
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".job.", PatternType.PREFIXED, AclOperation.WRITE));
    for (String topic : List.of(topics.jobs(), topics.control(), topics.status(), topics.progress())) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
    }
    for (String topic : List.of(topics.progress(), topics.services())) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
    }
    String own = prefix + ".snapshot-exporter.";
    acls.add(allow(principal, ResourceType.GROUP, own, PatternType.PREFIXED, AclOperation.READ));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, own, PatternType.PREFIXED, AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, own, PatternType.PREFIXED, AclOperation.DESCRIBE));
    return acls;
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
      data.insert("books", bookRows(0, 40));
      data.flush("books");
    }
    return database;
  }

  private static List<JsonObject> bookRows(int first, int count) {
    return MilvusData.rows(count, i -> {
      JsonObject row = new JsonObject();
      row.addProperty("id", (long) (first + i));
      row.addProperty("title", "book " + (first + i));
      row.add("embedding", Rows.vector(first + i, 8));
      return row;
    });
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
