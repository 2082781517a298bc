package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.KafkaAcls.allow;
import static dev.milvusmigrate.e2e.KafkaAcls.grant;
import static dev.milvusmigrate.e2e.KafkaAcls.scram;
import static dev.milvusmigrate.e2e.Rows.intKey;
import static dev.milvusmigrate.e2e.Rows.varchar;
import static dev.milvusmigrate.e2e.Rows.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.sink.SinkWriterService;
import dev.milvusmigrate.testkit.kafka.SecuredKafkaBroker;
import dev.milvusmigrate.testkit.kafka.SecuredKafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.ExtraMilvusLite;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
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
import java.util.function.Predicate;
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
 * cdc-capture and the lag-monitor, each under a user with exactly its ACLs of docs/DEPLOYMENT.md
 * on the secured broker (StandardAuthorizer, nothing allowed without an ACL): each runs a job to
 * SUCCESSFUL, and without its transactional-id ACL each stops with one sentence naming the
 * permission Kafka denied. The source Milvus writes its log to the same broker (through the
 * plaintext listener), so capture reads it with its own ACLs too.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusLiteExtension.class, SecuredKafkaBrokerExtension.class})
class ServiceAclsIT {

  private static MilvusStandaloneServer source;

  @TempDir
  Path dir;

  @BeforeAll
  static void startSource() {
    source = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onKafka(SecuredKafkaBroker.shared().internalBootstrap()).withClusterPrefix(Names.unique("acl")));
  }

  @AfterAll
  static void stopSource() {
    source.close();
  }

  @Test
  void aCaptureWithOnlyItsAclsSyncsAZeroDowntimeJob(MilvusLiteServer target, SecuredKafkaBroker kafka)
      throws Exception {
    String name = Names.unique("aclcapture");
    books(source.uri(), name, 0, 40);
    try {
      try (ZeroDowntimeRun run = zeroDowntime(kafka, target, name, acls -> true)) {
        run.control().submit(null);
        run.control().awaitStatus("syncing", Duration.ofMinutes(3), s -> s.getStage() == JobStage.SYNCING);
        books(source.uri(), name, 40, 10);

        run.control().stopSync(true);

        JobStatus end = run.control().awaitStatus("ended", Duration.ofMinutes(2),
            s -> s.getState() != JobState.IN_PROGRESS);
        assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails())
            .isEqualTo(JobState.SUCCESSFUL);
      }
      // Compared once the services stopped, so that none of them loads or releases the source collection meanwhile.
      try (MilvusData from = new MilvusData(source.uri()).use(name);
          MilvusData to = new MilvusData(target.uri()).use(name)) {
        from.load("books");
        to.load("books");
        new MigratedCollection(from, to, "books").hasSameEntities(50);
      }
    } finally {
      dropDatabase(name);
    }
  }

  @Test
  void aCaptureWithoutItsTransactionalIdAclFailsTheJobNamingIt(MilvusLiteServer target, SecuredKafkaBroker kafka)
      throws Exception {
    String name = Names.unique("aclcapturetx");
    books(source.uri(), name, 0, 10);
    try (ZeroDowntimeRun run = zeroDowntime(kafka, target, name,
        acl -> acl.pattern().resourceType() != ResourceType.TRANSACTIONAL_ID
            || acl.entry().operation() != AclOperation.WRITE)) {
      run.control().submit(null);

      JobStatus end = run.control().awaitStatus("failed", Duration.ofMinutes(2),
          s -> s.getState() != JobState.IN_PROGRESS);

      String prefix = run.control().topics().prefix();
      assertThat(end.getState()).isEqualTo(JobState.FAILED);
      assertThat(end.getReason()).contains("(the pipeline's Kafka) denied capturing job " + name + " into "
          + prefix + ".job." + name + ".mutations with transactional id " + prefix + ".cdc-capture." + name,
          "Transactional Id authorization failed", "grant this client's principal the ACLs docs/DEPLOYMENT.md");
    } finally {
      dropDatabase(name);
    }
  }

  @Test
  void aLagMonitorWithOnlyItsAclsFollowsAnOfflineJobAndDeletesItsTopicsOnceEnded(MilvusLiteServer lite,
      SecuredKafkaBroker kafka) throws Exception {
    String database = Names.unique("acllag");
    books(lite.uri(), database, 0, 20);
    TopicNames topics = new TopicNames("acl-" + database);
    String user = "lag-" + database;
    String password = UUID.randomUUID().toString();
    grant(kafka, user, password, lagMonitorAcls(topics, "User:" + user));
    Map<String, String> services = services(kafka, topics, lite.uri(), database);
    Map<String, String> lag = new HashMap<>(services);
    lag.putAll(scram(kafka, user, password));
    lag.putAll(Map.of("lag.state-dir", dir.resolve("lag").toString(), "lag.ended-job-topics.retention", "1s",
        "lag.ended-job-topics.check-interval", "1s"));
    MilvusLiteServer target = ExtraMilvusLite.get("acl-target");
    Map<String, String> sink = new HashMap<>(services);
    sink.put("target.uri", target.uri());

    try (LagMonitorService lagMonitor = new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(), lag)).start();
        SnapshotExporterService exporter = new SnapshotExporterService(
            ExporterConfig.of(Map.of(), Map.of(), services)).start();
        SinkWriterService sinkWriter = new SinkWriterService(SinkConfig.of(Map.of(), Map.of(), sink)).start()) {
      InProcessCli.Run run = InProcessCli.run("offline", "--source", lite.uri(), "--target", target.uri(),
          "--database", database, "--job-id", database, "--kafka",
          kafka.saslSslBootstrap(), "--topic-prefix", topics.prefix(), "--external-services", "--config",
          cliConfig(kafka).toString());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(lagMonitor.failure()).isEmpty();
      String jobTopics = topics.prefix() + ".job." + database + ".";
      await("the ended job's topics deleted").atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
        try (Admin admin = kafka.internalAdmin()) {
          assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).noneMatch(t -> t.startsWith(jobTopics));
        }
      });
    } finally {
      for (MilvusLiteServer server : List.of(lite, target)) {
        try (MilvusData data = new MilvusData(server.uri())) {
          data.dropDatabase(database);
        }
      }
    }
  }

  @Test
  void aLagMonitorWithoutItsTransactionalIdAclStopsNamingIt(SecuredKafkaBroker kafka) throws Exception {
    String name = Names.unique("acllagtx");
    TopicNames topics = new TopicNames("acl-" + name);
    String user = "lag-" + name;
    String password = UUID.randomUUID().toString();
    grant(kafka, user, password, lagMonitorAcls(topics, "User:" + user).stream()
        .filter(acl -> acl.pattern().resourceType() != ResourceType.TRANSACTIONAL_ID
            || acl.entry().operation() != AclOperation.WRITE).toList());
    Map<String, String> lag = new HashMap<>(scram(kafka, user, password));
    lag.putAll(Map.of("kafka.bootstrap", kafka.saslSslBootstrap(), "kafka.topic-prefix", topics.prefix(),
        "lag.state-dir", dir.resolve("lag").toString()));

    try (LagMonitorService lagMonitor = new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(), lag)).start()) {
      await("the lag-monitor stopped").atMost(Duration.ofMinutes(1)).until(lagMonitor::hasStopped);

      assertThat(lagMonitor.failure()).hasValueSatisfying(sentence -> assertThat(sentence).contains(
          "Kafka at " + kafka.saslSslBootstrap() + " (the pipeline's Kafka) denied the lag-monitor's Kafka Streams"
              + " application " + topics.prefix() + "-lag-monitor an operation",
          "Transactional Id authorization failed", "grant this client's principal the ACLs docs/DEPLOYMENT.md"));
    }
  }

  /**
   * A zero-downtime job on the SASL_SSL listener: exporter, sink-writer and lag-monitor as the
   * kit's user, cdc-capture as a user with the part of its ACLs {@code granted} keeps, reading the
   * source's log from the same broker.
   */
  private ZeroDowntimeRun zeroDowntime(SecuredKafkaBroker kafka, MilvusLiteServer target, String name,
      Predicate<AclBinding> granted) throws Exception {
    TopicNames topics = new TopicNames("e2e-" + name);
    String user = "capture-" + name;
    String password = UUID.randomUUID().toString();
    grant(kafka, user, password, captureAcls(topics, source.clusterPrefix(), "User:" + user).stream()
        .filter(granted).toList());
    Map<String, String> services = new HashMap<>(scram(kafka, SecuredKafkaBroker.USER, kafka.userPassword()));
    services.put("kafka.bootstrap", kafka.saslSslBootstrap());
    Map<String, String> capture = new HashMap<>(scram(kafka, user, password));
    capture.put("capture.wal.bootstrap", "");
    return new ZeroDowntimeRun(name, source.uri(), source.clusterPrefix(), target.uri(), dir.resolve("lag-" + name),
        Map.of(), new ZeroDowntimeRun.PipelineKafka(services, kafka.internalBootstrap(), capture));
  }

  /** cdc-capture's ACLs as docs/DEPLOYMENT.md lists them, for a source whose log is on the same Kafka. */
  private static List<AclBinding> captureAcls(TopicNames topics, String clusterPrefix, String principal) {
    String prefix = topics.prefix();
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".", PatternType.PREFIXED, AclOperation.DESCRIBE));
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".", PatternType.PREFIXED, AclOperation.CREATE));
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".job.", PatternType.PREFIXED, AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".job.", PatternType.PREFIXED, AclOperation.READ));
    for (String topic : List.of(topics.jobs(), topics.control(), topics.status(), topics.progress())) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
    }
    for (String topic : List.of(topics.progress(), topics.services())) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
    }
    String own = prefix + ".cdc-capture.";
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, own, PatternType.PREFIXED, AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, own, PatternType.PREFIXED, AclOperation.DESCRIBE));
    acls.add(allow(principal, ResourceType.TOPIC, clusterPrefix + "-rootcoord-dml_", PatternType.PREFIXED,
        AclOperation.READ));
    return acls;
  }

  /** The lag-monitor's ACLs as docs/DEPLOYMENT.md lists them. */
  private static List<AclBinding> lagMonitorAcls(TopicNames topics, String principal) {
    String prefix = topics.prefix();
    String application = prefix + "-lag-monitor";
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".", PatternType.PREFIXED, AclOperation.DESCRIBE));
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".", PatternType.PREFIXED, AclOperation.CREATE));
    acls.add(allow(principal, ResourceType.TOPIC, prefix + ".job.", PatternType.PREFIXED, AclOperation.DELETE));
    for (String topic : List.of(topics.jobs(), topics.progress(), topics.control(), topics.services(),
        topics.status())) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
    }
    for (String topic : List.of(topics.status(), topics.lag(), topics.notifications(), topics.deadLetters())) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
    }
    for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE,
        AclOperation.DELETE)) {
      acls.add(allow(principal, ResourceType.TOPIC, application + "-", PatternType.PREFIXED, operation));
    }
    acls.add(allow(principal, ResourceType.GROUP, application, PatternType.PREFIXED, AclOperation.READ));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, application + "-", PatternType.PREFIXED,
        AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, application + "-", PatternType.PREFIXED,
        AclOperation.DESCRIBE));
    return acls;
  }

  /** The exporter's and sink-writer's settings: the kit's user on the SASL_SSL listener. */
  private static Map<String, String> services(SecuredKafkaBroker kafka, TopicNames topics, String sourceUri,
      String database) {
    Map<String, String> services = new HashMap<>(scram(kafka, SecuredKafkaBroker.USER, kafka.userPassword()));
    services.putAll(Map.of("kafka.bootstrap", kafka.saslSslBootstrap(), "kafka.topic-prefix", topics.prefix(),
        "presence.interval", "500ms", "source.uri", sourceUri));
    return services;
  }

  private Path cliConfig(SecuredKafkaBroker kafka) throws IOException {
    Properties props = new Properties();
    props.putAll(scram(kafka, SecuredKafkaBroker.USER, kafka.userPassword()));
    Path file = Files.createTempFile(dir, "cli", ".properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, null);
    }
    return file;
  }

  private static void books(String uri, String database, int first, int count) {
    try (MilvusData data = new MilvusData(uri).database(database)) {
      if (first == 0) {
        data.create("books", SourceDatabase.schema(false, intKey("id"), varchar("title", 32), vector("embedding", 8)));
      }
      data.insert("books", MilvusData.rows(count, i -> {
        JsonObject row = new JsonObject();
        row.addProperty("id", (long) (first + i));
        row.addProperty("title", "book " + (first + i));
        row.add("embedding", Rows.vector(first + i, 8));
        return row;
      }));
      data.flush("books");
    }
  }

  private static void dropDatabase(String name) {
    try (MilvusData data = new MilvusData(source.uri())) {
      data.dropDatabase(name);
    }
  }
}
