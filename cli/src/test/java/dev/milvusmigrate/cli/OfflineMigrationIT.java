package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
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
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.QueryReq;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  }

  @Test
  void withExternalServicesTheCommandOnlySubmitsAndFollowsTheJob(MilvusLiteServer source) throws Exception {
    String database = uniqueName("external");
    try (Fixture fixture = new Fixture(source.uri())) {
      fixture.create(database, "books", 57);
    }
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    Map<String, String> kafka = Map.of("kafka.bootstrap", bootstrap, "kafka.topic-prefix", database,
        "kafka.replication-factor", "1", "source.uri", source.uri(), "target.uri", target.uri());
    SimpleMeterRegistry sinkMeters = new SimpleMeterRegistry();
    Path lagState = Files.createTempDirectory("external-lag-state");
    try (LagMonitorService lagMonitor = new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(),
            with(kafka, "lag.state-dir", lagState.toString()))).start();
        SnapshotExporterService exporter = new SnapshotExporterService(ExporterConfig.of(Map.of(), Map.of(),
            kafka)).start();
        SinkWriterService sink = new SinkWriterService(SinkConfig.of(Map.of(), Map.of(), kafka), sinkMeters).start()) {

      CliRun run = CliRun.of("offline", "--kafka", bootstrap, "--topic-prefix", database, "--external-services",
          "--source", source.uri(), "--target", target.uri(), "--database", database, "--job-id", database);

      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(0);
      assertThat(run.out()).contains("Job " + database + " ended SUCCESSFUL.");
      assertThat(sinkMeters.find("milvus.migrate.sink.rows.applied").counters().stream().mapToDouble(Counter::count)
          .sum()).as("rows applied by the external sink: the command ran no sink of its own").isEqualTo(57.0);
    }
  }

  @Test
  void externalServicesWithoutKafkaIsBadInput(MilvusLiteServer source) {
    CliRun run = CliRun.of("offline", "--external-services", "--source", source.uri(), "--target", target.uri(),
        "--database", "anything");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("--external-services needs --kafka: give the Kafka the services run"
        + " against.");
  }

  private static Map<String, String> with(Map<String, String> settings, String key, String value) {
    Map<String, String> all = new HashMap<>(settings);
    all.put(key, value);
    return all;
  }

  @Test
  void unknownDatabaseIsBadInputAndCreatesNothingOnTheTarget(MilvusLiteServer source) {
    String database = uniqueName("missing");

    CliRun run = CliRun.of("offline", "--source", source.uri(), "--target", target.uri(), "--database", database);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Database '" + database + "' does not exist on the source "
        + source.uri() + ": check --database.");
    assertThat(databasesOnTarget()).doesNotContain(database);
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
    assertThat(databasesOnTarget()).doesNotContain(database);
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

  private static List<String> databasesOnTarget() {
    MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(target.uri()).build());
    try {
      return client.listDatabases().getDatabaseNames();
    } finally {
      client.close();
    }
  }

  private static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
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
