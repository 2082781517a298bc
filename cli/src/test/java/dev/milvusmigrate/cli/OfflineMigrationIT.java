package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.ServiceAnnouncements;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.sink.SinkWriterService;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.database.request.CreateDatabaseReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.QueryReq;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The offline command end to end between two real Milvus Lite servers: in process, and submitting
 * to services that already run ({@code --external-services}).
 */
@ExtendWith({MilvusLiteExtension.class, KafkaBrokerExtension.class})
class OfflineMigrationIT {

  private static final int DIM = 8;
  private static MilvusLiteServer target;

  @BeforeAll
  static void startTarget() {
    target = MilvusLiteServer.start(PythonMilvusEnvironment.shared());
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  @Test
  void copiesEveryCollectionOfTheDatabaseVerifiesAndExitsZero(MilvusLiteServer source) throws Exception {
    String database = uniqueName("offline");
    try (Fixture fixture = new Fixture(source.uri())) {
      fixture.create(database, "books", 57);
      fixture.create(database, "notes", 9);
    }

    CliRun run = CliRun.of("offline", "--source", source.uri(), "--target", target.uri(), "--database", database,
        "--load", "--job-id", database);

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
    assertThat(run.out()).contains("Job " + database + " ended SUCCESSFUL.").containsPattern(
        database + "\\.books .* passed").containsPattern(database + "\\.notes .* passed");
    try (Fixture sourceData = new Fixture(source.uri()); Fixture targetData = new Fixture(target.uri())) {
      for (String collection : List.of("books", "notes")) {
        assertThat(targetData.rows(database, collection)).isEqualTo(sourceData.rows(database, collection));
      }
    }
    verifyPrintsItsTableAndASentencePerFailureAsAUserSeesThem(source, database);
  }

  /** {@code verify} run as a user runs it ({@code main} in its own JVM): what it prints reaches the terminal. */
  private static void verifyPrintsItsTableAndASentencePerFailureAsAUserSeesThem(MilvusLiteServer source,
      String database) throws InterruptedException {
    String[] verify = {"verify", "--source", source.uri(), "--target", target.uri(), "--database", database};
    CliRun passed = CliRun.asProcess(verify);
    assertThat(passed.exitCode()).as(passed.out() + passed.err()).isEqualTo(ExitCode.SUCCESSFUL);
    assertThat(passed.out()).contains("SOURCE KEYS").containsPattern(database + "\\.books .* passed")
        .containsPattern(database + "\\.notes .* passed");

    try (Fixture targetData = new Fixture(target.uri())) {
      targetData.delete(database, "books", 1L);
    }
    CliRun failed = CliRun.asProcess(verify);
    assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(ExitCode.FAILED);
    assertThat(failed.out()).containsPattern(database + "\\.books .* FAILED")
        .containsPattern(database + "\\.notes .* passed")
        .contains(database + ".books: 1 missing in target (e.g. keys missing in target: 1)");
  }

  @Test
  void withExternalServicesTheCommandOnlySubmitsAndFollowsTheJob(MilvusLiteServer source) throws Exception {
    String database = uniqueName("external");
    try (Fixture fixture = new Fixture(source.uri())) {
      fixture.create(database, "books", 57);
    }
    try (ExternalServices services = new ExternalServices(database, source.uri(), target.uri())) {
      services.awaitAnnounced("snapshot-exporter", "sink-writer");

      CliRun run = offlineOnExternalServices(source, database);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
      assertThat(run.out()).containsPattern("(?m)^snapshot-exporter snapshot-exporter-0@\\S+ \\(source "
          + Pattern.quote(source.uri()) + "\\)$")
          .containsPattern("(?m)^sink-writer sink-writer@\\S+ \\(source " + Pattern.quote(source.uri()) + ", target "
              + Pattern.quote(target.uri()) + "\\)$")
          .doesNotContain("No live")
          .contains("Job " + database + " ended SUCCESSFUL.");
      assertThat(services.sinkMeters.find("milvus.migrate.sink.rows.applied").counters().stream()
          .mapToDouble(Counter::count).sum()).as("rows applied by the external sink: the command ran no sink of its"
          + " own").isEqualTo(57.0);
    }
  }

  /**
   * Issue 14: a sink deployed with the source's address as its target has announced itself; the job
   * names the real target, so the command refuses it before submitting anything.
   */
  @Test
  void anAnnouncedSinkConfiguredForAnotherTargetIsRefusedBeforeTheJobIsSubmitted(MilvusLiteServer source)
      throws Exception {
    String database = uniqueName("announcedwrong");
    String copy = uniqueName("shop");
    try (Fixture fixture = new Fixture(source.uri())) {
      fixture.create(database, "reviews", 5);
    }
    try (ExternalServices services = new ExternalServices(database, source.uri(), source.uri())) {
      services.awaitAnnounced("snapshot-exporter", "sink-writer");

      CliRun run = offlineOnExternalServices(source, database, "--target-database", copy);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.BAD_INPUT);
      assertThat(run.out()).containsPattern("(?m)^sink-writer sink-writer@\\S+ \\(source " + Pattern.quote(source.uri())
          + ", target " + Pattern.quote(source.uri()) + "\\)$").doesNotContain("Job " + database);
      assertThat(run.err().strip()).matches("The sink-writer running on Kafka at "
          + Pattern.quote(KafkaBroker.shared().bootstrapServers()) + " \\(sink-writer@\\S+\\) writes to "
          + Pattern.quote(source.uri() + ", not to the target " + target.uri() + " you named: nothing was submitted;"
              + " point the sink-writer's target.uri at the target, or give --target its address."));
      assertThat(TopicReader.readAll(KafkaBroker.shared().bootstrapServers(), new TopicNames(database).jobs(),
          JobSpec.class)).as("jobs submitted").isEmpty();
    }
    assertThat(databases(source.uri())).contains(database).doesNotContain(copy);
    assertThat(databases(target.uri())).doesNotContain(copy, database);
  }

  /**
   * Issue 14, the backstop: a sink deployed with the source's address as its target starts only after
   * the command checked the announced services and submitted the job; the sink itself fails the job
   * at once and nothing is created anywhere.
   */
  @Test
  void aSinkConfiguredForAnotherTargetThatStartsAfterTheCheckFailsTheJobAndNothingIsCreatedAnywhere(
      MilvusLiteServer source) throws Exception {
    String database = uniqueName("wrongtarget");
    String copy = uniqueName("shop");
    try (Fixture fixture = new Fixture(source.uri())) {
      fixture.create(database, "reviews", 5);
    }
    try (ExternalServices services = ExternalServices.withoutSink(database, source.uri())) {
      CompletableFuture<CliRun> offline = CompletableFuture.supplyAsync(() -> offlineOnExternalServices(source,
          database, "--target-database", copy));
      await().atMost(Duration.ofMinutes(1)).until(() -> !TopicReader.readAll(KafkaBroker.shared().bootstrapServers(),
          new TopicNames(database).jobs(), JobSpec.class).isEmpty());
      services.startSink(source.uri());

      CliRun run = offline.get(2, TimeUnit.MINUTES);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILED);
      assertThat(run.out()).contains("No live sink-writer announced itself on Kafka at "
              + KafkaBroker.shared().bootstrapServers() + ": submitting anyway;")
          .contains("Job " + database + " ended FAILED: The job's target is " + target.uri()
          + " but this sink-writer is configured for the target " + source.uri() + " (target.uri): nothing was"
          + " written; run the job with services configured for its servers.");
    }
    assertThat(databases(source.uri())).contains(database).doesNotContain(copy);
    assertThat(databases(target.uri())).doesNotContain(copy, database);
  }

  /**
   * Issue 14: a job submitted to services among which no sink-writer runs says so in its status and
   * in the command's progress output within the liveness timeout (3 s here); once a sink-writer starts
   * the warning clears and the job ends SUCCESSFUL.
   */
  @Test
  void aJobNoSinkWriterTakesSaysSoUntilOneStartsAndThenEndsSuccessful(MilvusLiteServer source) throws Exception {
    String database = uniqueName("nosink");
    try (Fixture fixture = new Fixture(source.uri())) {
      fixture.create(database, "books", 21);
    }
    String noSink = "No sink-writer has taken this job for 3 s: is one running with access to Kafka at "
        + KafkaBroker.shared().bootstrapServers() + ", the source " + source.uri() + " and the target " + target.uri()
        + "?";
    try (ExternalServices services = ExternalServices.withoutSink(database, source.uri())) {
      CompletableFuture<CliRun> offline = CompletableFuture.supplyAsync(() -> CliRun.asProcess(
          offlineArguments(source, database)));

      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(status(database, database).out())
          .contains("Warning:    " + noSink));
      assertThat(status(database).out()).containsPattern(database + " +IN_PROGRESS .*Warning: " + Pattern.quote(noSink));
      services.startSink(target.uri());

      CliRun run = offline.get(2, TimeUnit.MINUTES);
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
      assertThat(run.out()).contains("Job " + database + " ended SUCCESSFUL.");
      // Printed once; whether "a sink-writer works on it again" comes before the job ends depends on timing.
      // The exporter, which finished its share while no sink ran, was never missing.
      assertThat(run.err()).containsOnlyOnce("Warning: job " + database + ": " + noSink)
          .doesNotContain("snapshot-exporter");
      assertThat(status(database, database).out()).doesNotContain("Warning");
    }
  }

  /**
   * Issue 14: the only sink-writer stops mid-copy (the exporter is throttled so the copy takes a while);
   * the status names the silent instance within the liveness timeout, and a new sink-writer resumes
   * the job to SUCCESSFUL.
   */
  @Test
  void aSinkWriterThatStopsMidCopyIsNamedUntilAnotherOneResumesTheJob(MilvusLiteServer source) throws Exception {
    String database = uniqueName("silentsink");
    try (Fixture fixture = new Fixture(source.uri())) {
      fixture.create(database, "books", 60);
    }
    try (ExternalServices services = ExternalServices.throttled(database, source.uri(), target.uri())) {
      CompletableFuture<CliRun> offline = CompletableFuture.supplyAsync(() -> offlineOnExternalServices(source,
          database));
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(status(database, database).out())
          .containsPattern("Progress: +[0-9.]+% \\([1-9][0-9]* of [0-9]+ rows\\)"));

      services.stopSink();

      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(status(database, database).out())
          .containsPattern("Warning: +The sink-writer that ran this job \\(instance sink-writer@.*\\) has not been heard"
              + " from since .*: restart it, or start another one with access to Kafka at "
              + Pattern.quote(KafkaBroker.shared().bootstrapServers()) + ", the source "));
      services.startSink(target.uri());

      CliRun run = offline.get(2, TimeUnit.MINUTES);
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
      assertThat(run.out()).contains("Job " + database + " ended SUCCESSFUL.");
      assertThat(status(database, database).out()).doesNotContain("Warning");
    }
  }

  /** {@code status} of the jobs under the prefix, or of one job. */
  private static CliRun status(String prefix, String... job) {
    List<String> args = new ArrayList<>(List.of("status", "--kafka", KafkaBroker.shared().bootstrapServers(),
        "--topic-prefix", prefix));
    args.addAll(List.of(job));
    return CliRun.of(args.toArray(String[]::new));
  }

  /** The offline command as a user runs it against deployed services; the database names the job and the topics. */
  private static CliRun offlineOnExternalServices(MilvusLiteServer source, String database, String... more) {
    return CliRun.of(offlineArguments(source, database, more));
  }

  private static String[] offlineArguments(MilvusLiteServer source, String database, String... more) {
    List<String> args = new ArrayList<>(List.of("offline", "--kafka", KafkaBroker.shared().bootstrapServers(),
        "--topic-prefix", database, "--external-services", "--source", source.uri(), "--target", target.uri(),
        "--database", database, "--job-id", database));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void externalServicesWithoutKafkaIsBadInput(MilvusLiteServer source) {
    CliRun run = CliRun.of("offline", "--external-services", "--source", source.uri(), "--target", target.uri(),
        "--database", "anything");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("--external-services needs --kafka: give the Kafka the services run"
        + " against.");
  }

  @Test
  void unknownDatabaseIsBadInputAndCreatesNothingOnTheTarget(MilvusLiteServer source) {
    String database = uniqueName("missing");

    CliRun run = CliRun.of("offline", "--source", source.uri(), "--target", target.uri(), "--database", database);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Database '" + database + "' does not exist on the source "
        + source.uri() + ": check --database.");
    assertThat(databases(target.uri())).doesNotContain(database);
  }

  @Test
  void unknownCollectionIsBadInputAndCreatesNothingOnTheTarget(MilvusLiteServer source) throws Exception {
    String database = uniqueName("partial");
    try (Fixture fixture = new Fixture(source.uri())) {
      fixture.create(database, "books", 3);
    }

    CliRun run = CliRun.of("offline", "--source", source.uri(), "--target", target.uri(), "--database", database,
        "--collections", "books,ghosts");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Collection 'ghosts' does not exist in database '" + database
        + "' on the source " + source.uri() + ": check --collections.");
    assertThat(databases(target.uri())).doesNotContain(database);
  }

  @Test
  void unreachableSourceIsBadInput() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    CliRun run = CliRun.of("offline", "--source", "http://127.0.0.1:" + closedPort, "--target", target.uri(),
        "--database", "default", "--source-token", "never-shown-token");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).contains("127.0.0.1:" + closedPort).doesNotContain("never-shown-token");
  }

  private static List<String> databases(String uri) {
    MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(uri).build());
    try {
      return client.listDatabases().getDatabaseNames();
    } finally {
      client.close();
    }
  }

  private static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /**
   * Exporter, sink and lag-monitor as deployed separately, each with its own settings, on the shared broker;
   * the services announce themselves every 500 ms and the lag-monitor warns after 3 s without them.
   */
  private static final class ExternalServices implements AutoCloseable {
    final SimpleMeterRegistry sinkMeters = new SimpleMeterRegistry();
    private final Map<String, String> services;
    private final LagMonitorService lagMonitor;
    private final SnapshotExporterService exporter;
    private SinkWriterService sink;

    ExternalServices(String prefix, String sourceUri, String sinkTargetUri) throws IOException {
      this(prefix, sourceUri);
      startSink(sinkTargetUri);
    }

    private ExternalServices(String prefix, String sourceUri) throws IOException {
      this(prefix, sourceUri, Map.of());
    }

    private ExternalServices(String prefix, String sourceUri, Map<String, String> exporterSettings)
        throws IOException {
      Map<String, String> kafka = Map.of("kafka.bootstrap", KafkaBroker.shared().bootstrapServers(),
          "kafka.topic-prefix", prefix, "kafka.replication-factor", "1", "source.uri", sourceUri);
      Map<String, String> lagSettings = new HashMap<>(kafka);
      lagSettings.put("lag.state-dir", Files.createTempDirectory("external-lag-state").toString());
      lagSettings.put("lag.liveness.timeout", "3s");
      services = new HashMap<>(kafka);
      services.put("presence.interval", "500ms");
      lagMonitor = new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(), lagSettings)).start();
      Map<String, String> exporter = new HashMap<>(services);
      exporter.putAll(exporterSettings);
      this.exporter = new SnapshotExporterService(ExporterConfig.of(Map.of(), Map.of(), exporter)).start();
    }

    /** With a sink, and an exporter that reads about a page of 10 rows every 2 s. */
    static ExternalServices throttled(String prefix, String sourceUri, String sinkTargetUri) throws IOException {
      ExternalServices services = new ExternalServices(prefix, sourceUri, Map.of("exporter.page.rows", "10",
          "exporter.batch.bytes", "1024", "exporter.max-bytes-per-second", "300"));
      services.startSink(sinkTargetUri);
      return services;
    }

    void stopSink() {
      sink.close();
      sink = null;
    }

    static ExternalServices withoutSink(String prefix, String sourceUri) throws IOException {
      return new ExternalServices(prefix, sourceUri);
    }

    /** Waits until an instance of each kind has announced itself on the services topic. */
    void awaitAnnounced(String... kinds) {
      String prefix = services.get("kafka.topic-prefix");
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(ServiceAnnouncements.read(
          new KafkaClients(KafkaBroker.shared().bootstrapServers(), Map.of()), new TopicNames(prefix), System.currentTimeMillis()).lines())
          .extracting(line -> line.substring(0, line.indexOf(' '))).contains(kinds));
    }

    void startSink(String targetUri) {
      Map<String, String> sinkSettings = new HashMap<>(services);
      sinkSettings.put("target.uri", targetUri);
      sink = new SinkWriterService(SinkConfig.of(Map.of(), Map.of(), sinkSettings), sinkMeters).start();
    }

    @Override
    public void close() {
      if (sink != null) {
        sink.close();
      }
      exporter.close();
      lagMonitor.close();
    }
  }

  /** Creates and reads collections with the Milvus SDK, independently of the code under test. */
  private static final class Fixture implements AutoCloseable {
    private final MilvusClientV2 client;

    Fixture(String uri) {
      this.client = new MilvusClientV2(ConnectConfig.builder().uri(uri).build());
    }

    void create(String database, String collection, int rows) throws InterruptedException {
      if (!client.listDatabases().getDatabaseNames().contains(database)) {
        client.createDatabase(CreateDatabaseReq.builder().databaseName(database).build());
      }
      client.useDatabase(database);
      CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
      schema.addField(AddFieldReq.builder().fieldName("id").dataType(DataType.Int64).isPrimaryKey(true)
          .autoID(false).build());
      schema.addField(AddFieldReq.builder().fieldName("title").dataType(DataType.VarChar).maxLength(64).build());
      schema.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(DIM)
          .build());
      IndexParam index = IndexParam.builder().fieldName("embedding").indexType(IndexParam.IndexType.FLAT)
          .metricType(IndexParam.MetricType.L2).build();
      client.createCollection(CreateCollectionReq.builder().collectionName(collection).collectionSchema(schema)
          .indexParams(List.of(index)).build());
      List<JsonObject> data = IntStream.rangeClosed(1, rows).mapToObj(Fixture::row).toList();
      client.insert(InsertReq.builder().collectionName(collection).data(data).build());
      client.flush(FlushReq.builder().collectionNames(List.of(collection)).build());
    }

    /** Every entity as "id|title|embedding", ordered by id. */
    List<String> rows(String database, String collection) throws InterruptedException {
      client.useDatabase(database);
      client.loadCollection(LoadCollectionReq.builder().collectionName(collection).build());
      return client.query(QueryReq.builder().collectionName(collection).filter("id >= 0")
              .outputFields(List.of("id", "title", "embedding")).consistencyLevel(ConsistencyLevel.STRONG).build())
          .getQueryResults().stream().map(r -> r.getEntity())
          .sorted(Comparator.comparingLong(e -> (Long) e.get("id")))
          .map(e -> e.get("id") + "|" + e.get("title") + "|" + e.get("embedding")).toList();
    }

    void delete(String database, String collection, long id) throws InterruptedException {
      client.useDatabase(database);
      client.delete(DeleteReq.builder().collectionName(collection).ids(List.of(id)).build());
    }

    private static JsonObject row(int i) {
      JsonObject row = new JsonObject();
      row.addProperty("id", (long) i);
      row.addProperty("title", "title-" + i);
      JsonArray vector = new JsonArray();
      IntStream.range(0, DIM).forEach(d -> vector.add(i + d / 10.0f));
      row.add("embedding", vector);
      return row;
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
