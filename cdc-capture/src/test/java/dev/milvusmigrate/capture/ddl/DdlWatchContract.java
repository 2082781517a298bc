package dev.milvusmigrate.capture.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.AlterCollectionPropertiesReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.database.request.CreateDatabaseReq;
import io.milvus.v2.service.database.request.DropDatabaseReq;
import io.milvus.v2.service.partition.request.CreatePartitionReq;
import io.milvus.v2.service.utility.request.CreateAliasReq;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DDL watch on a real server: each test gets a database of its own with collection
 * {@code books}, starts a watch polling every 200 ms, changes the source through the SDK and
 * waits for the report (or for two further polls, when nothing may be reported).
 */
abstract class DdlWatchContract {

  static final String BOOKS = "books";
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final Duration REPORT_TIMEOUT = Duration.ofMinutes(1);

  MilvusSession session;
  MilvusClientV2 sdk;
  String database;
  DdlWatcher watcher;
  final List<DdlViolation> reported = new CopyOnWriteArrayList<>();

  @BeforeEach
  void watch(MilvusServer server) {
    session = MilvusConnector.connect(MilvusEndpoint.of(server.uri()));
    sdk = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
    database = newDatabase();
    createCollection(database, BOOKS);
    watcher = new DdlWatcher(session.catalog(), INTERVAL, violation -> true, reported::add);
    watcher.start();
  }

  @AfterEach
  void dropAndClose() {
    watcher.close();
    dropDatabase(database);
    sdk.close();
    session.close();
  }

  @Test
  void aNewAliasIsACreateAlias() {
    sdk.createAlias(CreateAliasReq.builder().databaseName(database).collectionName(BOOKS).alias("library").build());

    DdlViolation violation = awaitViolation();

    assertThat(violation.operation()).isEqualTo(DdlOperation.CREATE_ALIAS);
    assertThat(violation.database()).isEqualTo(database);
    assertThat(violation.collection()).isEqualTo(BOOKS);
  }

  @Test
  void aDroppedCollectionIsADropCollection() {
    sdk.dropCollection(DropCollectionReq.builder().databaseName(database).collectionName(BOOKS).build());

    DdlViolation violation = awaitViolation();

    assertThat(violation).isEqualTo(new DdlViolation(DdlOperation.DROP_COLLECTION, database, BOOKS, "Collection "
        + database + ".books was dropped" + dropDetail() + " on the source during the zero-downtime job"
        + " (DropCollection is not allowed while syncing): the job is failed; start a new job once the source's"
        + " collections are settled."));
  }

  @Test
  void anAlteredPropertyIsAnAlterCollection() {
    sdk.alterCollectionProperties(AlterCollectionPropertiesReq.builder().databaseName(database).collectionName(BOOKS)
        .property("collection.ttl.seconds", "3600").build());

    DdlViolation violation = awaitViolation();

    assertThat(violation.operation()).isEqualTo(DdlOperation.ALTER_COLLECTION);
    assertThat(violation.collection()).isEqualTo(BOOKS);
    assertThat(violation.sentence()).startsWith("Collection " + database
        + ".books was altered (properties.collection.ttl.seconds: (unset) -> 3600) on the source");
  }

  @Test
  void newDatabasesCollectionsAndPartitionsRaiseNothing() {
    String other = newDatabase();
    try {
      createCollection(other, "films");
      createCollection(database, "songs");
      sdk.createPartition(CreatePartitionReq.builder().databaseName(database).collectionName(BOOKS)
          .partitionName("p2024").build());

      awaitTwoMorePolls();

      assertThat(reported).isEmpty();
      SourceCatalogView seen = watcher.latestView().orElseThrow();
      assertThat(seen.collection(new CollectionName(other, "films"))).isPresent();
      assertThat(seen.collection(new CollectionName(database, "songs"))).isPresent();
      assertThat(seen.collection(new CollectionName(database, BOOKS)).orElseThrow().schema().getPartitions())
          .contains("p2024");
    } finally {
      dropDatabase(other);
    }
  }

  /** How this server's drop sentence goes on after "was dropped". */
  abstract String dropDetail();

  DdlViolation awaitViolation() {
    await("a reported violation and the watch stopped").atMost(REPORT_TIMEOUT)
        .until(() -> !reported.isEmpty() && !watcher.isRunning());
    assertThat(reported).hasSize(1);
    return reported.get(0);
  }

  /** Waits until two polls that started after this call have completed. */
  void awaitTwoMorePolls() {
    long completed = watcher.completedPolls();
    await("two more polls").atMost(REPORT_TIMEOUT).until(() -> watcher.completedPolls() >= completed + 2);
  }

  String newDatabase() {
    String name = "ddl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    sdk.createDatabase(CreateDatabaseReq.builder().databaseName(name).build());
    return name;
  }

  void createCollection(String inDatabase, String name) {
    CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
    schema.addField(AddFieldReq.builder().fieldName("id").dataType(DataType.Int64).isPrimaryKey(true).build());
    schema.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(4).build());
    sdk.createCollection(CreateCollectionReq.builder().databaseName(inDatabase).collectionName(name)
        .collectionSchema(schema).build());
  }

  void dropDatabase(String name) {
    session.catalog().listCollections(name).forEach(collection ->
        sdk.dropCollection(DropCollectionReq.builder().databaseName(name).collectionName(collection).build()));
    sdk.dropDatabase(DropDatabaseReq.builder().databaseName(name).build());
  }
}
