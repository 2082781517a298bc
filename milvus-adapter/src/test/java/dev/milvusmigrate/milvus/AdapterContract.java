package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.ColumnarWriter.Mode;
import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.ColumnConcatenation;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import com.google.gson.JsonParser;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.utility.request.CreateAliasReq;
import io.milvus.v2.service.utility.request.DescribeAliasReq;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the adapter must do on every real Milvus the project supports: connect, describe and
 * create collections faithfully, write columns and scan them back exactly in key order.
 */
abstract class AdapterContract {

  MilvusServer server;
  MilvusSession session;
  MilvusCatalog catalog;
  MilvusClientV2 sdk;
  String database;

  /** Fields of the many-types collection this server stores (after the common ones). */
  abstract List<FieldSchema> serverSpecificFields();

  @BeforeEach
  void connect(MilvusServer server) {
    this.server = server;
    this.session = MilvusConnector.connect(MilvusEndpoint.of(server.uri()));
    this.catalog = session.catalog();
    this.sdk = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
    this.database = "db_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    catalog.createDatabase(database);
  }

  @AfterEach
  void close() {
    sdk.close();
    session.close();
  }

  /** Whether describe carries the collection id and field ids. */
  boolean reportsIds() {
    return true;
  }

  /** The schema as this server keeps it: attributes it is known to drop are removed. */
  CollectionSchema asStoredByServer(CollectionSchema requested) {
    return requested;
  }

  List<FieldSchema> manyTypes() {
    List<FieldSchema> fields = new ArrayList<>(SampleSchemas.commonFields());
    fields.addAll(serverSpecificFields());
    return fields;
  }

  @Test
  void hasAliasesAndTheProbeLeavesNoAliasBehind() {
    assertThat(catalog.hasAliases()).isTrue();
    assertThat(catalog.aliasesOf("default")).doesNotContainKey(ScratchCollection.PREFIX + "alias");
  }

  @Test
  void createDatabaseIsIdempotentAndListed() {
    catalog.createDatabase(database);

    assertThat(catalog.listDatabases()).contains(database, "default");
  }

  @Test
  void describeReturnsWhatWasCreated() {
    CollectionSchema requested = SampleSchemas.collection(database, "many", manyTypes(), true);
    requested.setPartitions(List.of("_default", "p2024"));
    catalog.createCollection(database, requested);

    CollectionSchema described = catalog.describeCollection(new CollectionName(database, "many")).orElseThrow();

    CollectionSchema expected = comparable(asStoredByServer(requested));
    assertThat(comparable(described).getFields()).containsExactlyElementsOf(expected.getFields());
    assertThat(comparable(described)).isEqualTo(expected);
    assertThat(described.getSourceCollectionId() != null).isEqualTo(reportsIds());
    assertThat(described.getFields()).allMatch(field -> reportsIds() ? field.getFieldId() >= 100 : field.getFieldId() == null);
    assertThat(catalog.listCollections(database)).containsExactly("many");
  }

  @Test
  void collectionIdsNameEveryCollectionWhereTheServerReportsIds() {
    catalog.createCollection(database, SampleSchemas.collection(database, "identified", manyTypes(), true));
    Long id = catalog.describeCollection(new CollectionName(database,
        "identified")).orElseThrow().getSourceCollectionId();

    if (reportsIds()) {
      assertThat(catalog.collectionIds()).contains(database + "/" + id);
    } else {
      assertThat(catalog.collectionIds()).noneMatch(entry -> entry.startsWith(database + "/"));
    }
  }

  @Test
  void describedSchemaRecreatesAnEqualCollectionInAnotherDatabase() {
    catalog.createCollection(database, SampleSchemas.collection(database, "source", manyTypes(), true));
    CollectionSchema described = catalog.describeCollection(new CollectionName(database, "source")).orElseThrow();
    String other = database + "_copy";
    catalog.createDatabase(other);

    catalog.createCollection(other, described);

    CollectionSchema copy = catalog.describeCollection(new CollectionName(other, "source")).orElseThrow();
    CollectionSchema expected = comparable(described);
    expected.setDatabase(other);
    assertThat(comparable(copy)).isEqualTo(expected);
  }

  @Test
  void insertedColumnsScanBackExactly() {
    assertWrittenRowsScanBack(Mode.INSERT);
  }

  @Test
  void upsertedColumnsScanBackExactly() {
    assertWrittenRowsScanBack(Mode.UPSERT);
  }

  private void assertWrittenRowsScanBack(Mode mode) {
    List<FieldSchema> fields = manyTypes();
    createIndexedAndLoaded("rows", fields, true);
    long[] keys = SampleColumns.keys(1, 40);
    List<Column> written = SampleColumns.columns(fields, keys, true);

    session.writer().write(mode, new CollectionName(database, "rows"), null, written, keys.length);

    List<Page> pages = scan("rows", "id", 15);
    assertThat(pages).extracting(Page::rowCount).containsExactly(15, 15, 10);
    assertThat(pages.get(0).firstPk()).isEqualTo(1L);
    assertThat(pages.get(2).lastPk()).isEqualTo(40L);
    assertThat(pages).allMatch(page -> page.payloadBytes() > page.rowCount() * SampleSchemas.DIM * 4L);
    Map<String, Column> byName = byName(concatenate(pages));
    for (Column expected : written) {
      assertThat(jsonParsed(byName.get(expected.getFieldName()))).as(expected.getFieldName())
          .isEqualTo(jsonParsed(expected));
    }
  }

  @Test
  void scanOfShuffledKeysAcrossFlushedAndGrowingSegmentsReturnsEveryKeyOnceAscending() {
    List<FieldSchema> fields = List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding"));
    createIndexedAndLoaded("order", fields, false);
    List<Long> shuffled = LongStream.range(0, 5000).map(k -> k * 7 - 9000).boxed().collect(Collectors.toList());
    Collections.shuffle(shuffled, new Random(42));
    for (int batch = 0; batch < 5; batch++) {
      long[] keys = shuffled.subList(batch * 1000, (batch + 1) * 1000).stream().mapToLong(Long::longValue).toArray();
      session.writer().write(Mode.INSERT, new CollectionName(database, "order"), null, SampleColumns.columns(fields,
          keys, false), 1000);
      if (batch < 4) {
        catalog.flush(new CollectionName(database, "order"));
      }
    }

    List<Page> pages = scan("order", "id", 300);

    List<Long> scanned = pages.stream().flatMap(page -> PageAssembler.keys(column(page, "id")).stream())
        .map(Long.class::cast).toList();
    assertThat(scanned).hasSize(5000).isSorted().doesNotHaveDuplicates();
    assertThat(scanned).containsExactlyElementsOf(shuffled.stream().sorted().toList());
    assertThat(pages).hasSize(17);
  }

  @Test
  void varcharKeysScanInOrderAndDeleteByKey() {
    List<FieldSchema> fields = List.of(SampleSchemas.varcharKey("name"), SampleSchemas.floatVector("embedding"));
    createIndexedAndLoaded("named", fields, false);
    List<Long> shuffled = LongStream.range(0, 50).boxed().collect(Collectors.toList());
    Collections.shuffle(shuffled, new Random(7));
    long[] keys = shuffled.stream().mapToLong(Long::longValue).toArray();
    session.writer().write(Mode.INSERT, new CollectionName(database, "named"), null, SampleColumns.columns(fields,
        keys, false), 50);
    session.writer().delete(new CollectionName(database, "named"), null, new PrimaryKeys("name",
        new StringValues(List.of(SampleColumns.varcharKey(3), SampleColumns.varcharKey(4)))));

    List<Object> scanned = scan("named", "name", 20).stream()
        .flatMap(page -> PageAssembler.keys(column(page, "name")).stream()).toList();

    assertThat(scanned).hasSize(48).doesNotContain(SampleColumns.varcharKey(3)).isEqualTo(
        LongStream.range(0, 50).filter(k -> k != 3 && k != 4).mapToObj(SampleColumns::varcharKey).toList());
  }

  @Test
  void readByKeysDeleteAndCount() {
    List<FieldSchema> fields = List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding"),
        SampleSchemas.field("title", DataType.VARCHAR).setMaxLength(64).build());
    createIndexedAndLoaded("keys", fields, false);
    session.writer().write(Mode.INSERT, new CollectionName(database, "keys"), null,
        SampleColumns.columns(fields, SampleColumns.keys(10, 20), false), 20);

    session.writer().delete(new CollectionName(database, "keys"), null, longKeys(11, 12));
    Page read = session.reader().readByKeys(new CollectionName(database, "keys"), longKeys(10, 11, 29),
        List.of("title"));

    assertThat(catalog.countRows(new CollectionName(database, "keys"))).isEqualTo(18);
    assertThat(read.rowCount()).isEqualTo(2);
    assertThat(PageAssembler.keys(column(read, "id"))).containsExactly(10L, 29L);
    assertThat(((StringValues) column(read, "title").getValues()).getValues())
        .containsExactly("title 10 \"q\" \\ é", "title 29 \"q\" \\ é");
  }

  @Test
  void aReadByKeysAtATimestampTakenAfterTheWritesSeesThem() {
    List<FieldSchema> fields = List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding"));
    CollectionName name = new CollectionName(database, "keys_at");
    createIndexedAndLoaded("keys_at", fields, false);
    session.writer().write(Mode.INSERT, name, null, SampleColumns.columns(fields, SampleColumns.keys(0, 10), false),
        10);
    session.writer().delete(name, null, longKeys(3));
    long afterWrites = catalog.currentTimestamp();

    Page read = session.reader().readByKeys(name, null, longKeys(2, 3, 4), List.of(), afterWrites);

    assertThat(PageAssembler.keys(column(read, "id"))).containsExactlyInAnyOrder(2L, 4L);
  }

  @Test
  void writesIntoANamedPartitionAreReadFromIt() {
    List<FieldSchema> fields = List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding"));
    CollectionSchema schema = SampleSchemas.collection(database, "parts", fields, false);
    schema.setPartitions(List.of("_default", "p1"));
    catalog.createCollection(database, schema);
    indexAndLoad("parts", fields);
    session.writer().write(Mode.INSERT, new CollectionName(database, "parts"), "p1", SampleColumns.columns(fields,
        SampleColumns.keys(0, 5), false), 5);
    session.writer().write(Mode.INSERT, new CollectionName(database, "parts"), null, SampleColumns.columns(fields,
        SampleColumns.keys(5, 3), false), 3);

    Page p1 = session.reader().readPage(new PageRequest(new CollectionName(database, "parts"), "p1", "id", null, 100,
        List.of("id"), 0));

    assertThat(PageAssembler.keys(column(p1, "id"))).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(catalog.listIndexes(new CollectionName(database, "parts"))).extracting(IndexSpec::fieldName,
        IndexSpec::indexName, IndexSpec::indexType, IndexSpec::metricType, IndexSpec::params)
        .containsExactly(tuple("embedding", "embedding", "FLAT", "L2", Map.of()));
    assertThat(catalog.countRows(new CollectionName(database, "parts"))).isEqualTo(8);
  }

  @Test
  void createPartitionAddsItOnceAndLeavesAnExistingOneAlone() {
    catalog.createCollection(database, SampleSchemas.collection(database, "grows",
        List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding")), false));

    catalog.createPartition(new CollectionName(database, "grows"), "p2");
    catalog.createPartition(new CollectionName(database, "grows"), "p2");
    catalog.createPartition(new CollectionName(database, "grows"), "_default");

    assertThat(catalog.describeCollection(new CollectionName(database, "grows")).orElseThrow().getPartitions())
        .containsExactlyInAnyOrder("_default", "p2");
  }

  @Test
  void unknownDatabaseOrCollectionIsEmptyOrNotFound() {
    assertThat(catalog.describeCollection(new CollectionName(database, "missing"))).isEmpty();
    assertThat(catalog.describeCollection(new CollectionName("no_such_db", "missing"))).isEmpty();
    assertThatThrownBy(() -> session.reader().readPage(new PageRequest(new CollectionName(database, "missing"), null,
        "id", null, 10, List.of(), 0)))
        .isInstanceOfSatisfying(MilvusAccessException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND))
        .hasMessage("Milvus at " + MilvusEndpoint.of(server.uri()).label() + " could not use collection 'missing' in"
            + " database '" + database + "' (it does not exist): check the database, collection and partition names.");
  }

  @Test
  void aliasesOfACollectionAreListed() {
    catalog.createCollection(database, SampleSchemas.collection(database, "aliased",
        List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding")), false));
    assertThat(catalog.listAliases(new CollectionName(database, "aliased"))).isEmpty();

    sdk.createAlias(CreateAliasReq.builder().databaseName(database).collectionName("aliased").alias("nickname").build());

    assertThat(catalog.listAliases(new CollectionName(database, "aliased"))).containsExactly("nickname");
    assertThat(catalog.listCollections(database)).containsExactly("aliased");
  }

  @Test
  void anAliasCreatedHereIsSeenByTheSdkAndListedWithItsDatabase() {
    catalog.createCollection(database, SampleSchemas.collection(database, "named",
        List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding")), false));
    catalog.createCollection(database, SampleSchemas.collection(database, "other",
        List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding")), false));

    catalog.createAlias(new CollectionName(database, "named"), "moniker");

    assertThat(sdk.describeAlias(DescribeAliasReq.builder().databaseName(database).alias("moniker").build())
        .getCollectionName()).isEqualTo("named");
    assertThat(catalog.aliasesOf(database)).containsExactly(Map.entry("moniker", "named"));
    assertThatThrownBy(() -> catalog.createAlias(new CollectionName(database, "other"), "moniker"))
        .isInstanceOfSatisfying(MilvusAccessException.class, e -> assertThat(e.reason()).contains("moniker"));
  }

  @Test
  void aDroppedCollectionIsGoneAndDroppingAMissingOneDoesNothing() {
    CollectionName scratch = new CollectionName(database, "scratch");
    catalog.createCollection(database, SampleSchemas.collection(database, "scratch",
        List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding")), false));

    catalog.dropCollection(scratch);
    catalog.dropCollection(scratch);

    assertThat(catalog.listCollections(database)).doesNotContain("scratch");
  }

  @Test
  void aCollectionWithoutIndexesListsNone() {
    catalog.createCollection(database, SampleSchemas.collection(database, "unindexed",
        List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding")), false));

    assertThat(catalog.listIndexes(new CollectionName(database, "unindexed"))).isEmpty();
  }

  @Test
  void duplicateCreateCollectionIsAConflict() {
    CollectionSchema schema = SampleSchemas.collection(database, "twice",
        List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding")), false);
    catalog.createCollection(database, schema);

    assertThatThrownBy(() -> catalog.createCollection(database, schema))
        .isInstanceOfSatisfying(MilvusAccessException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
        .hasMessageContaining("could not create collection 'twice' in database '" + database + "' (it already exists)");
  }

  @Test
  void unreachablePortFailsClearly() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0)) {
      freePort = socket.getLocalPort();
    }
    MilvusEndpoint nowhere = MilvusEndpoint.of("http://127.0.0.1:" + freePort).withUser("root", "s3cret-pw");

    assertThatThrownBy(() -> MilvusConnector.connect(nowhere))
        .isInstanceOfSatisfying(MilvusAccessException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
        .hasMessageStartingWith("Milvus at http://127.0.0.1:" + freePort + " could not be reached (")
        .hasMessageEndingWith("): check the address, port and TLS settings and that the server is running.")
        .message().doesNotContain("s3cret-pw");
  }

  @Test
  void currentTimestampIsNearTheLocalClock() {
    long ts = catalog.currentTimestamp();

    assertThat(Math.abs((ts >>> 18) - System.currentTimeMillis())).isLessThan(60_000);
  }

  void createIndexedAndLoaded(String name, List<FieldSchema> fields, boolean dynamic) {
    catalog.createCollection(database, SampleSchemas.collection(database, name, fields, dynamic));
    indexAndLoad(name, fields);
  }

  void indexAndLoad(String name, List<FieldSchema> fields) {
    for (FieldSchema field : fields) {
      if (field.getDataType() == DataType.FLOAT_VECTOR) {
        catalog.createIndex(new CollectionName(database, name), new IndexSpec(field.getName(), field.getName(), "FLAT",
            "L2", Map.of()));
      } else if (field.getDataType() == DataType.SPARSE_FLOAT_VECTOR) {
        catalog.createIndex(new CollectionName(database, name), new IndexSpec(field.getName(), field.getName(),
            "SPARSE_INVERTED_INDEX", "IP", Map.of()));
      }
    }
    catalog.load(new CollectionName(database, name));
    assertThat(catalog.isLoaded(new CollectionName(database, name))).isTrue();
  }

  List<Page> scan(String collection, String pk, int limit) {
    List<Page> pages = new ArrayList<>();
    Object after = null;
    while (true) {
      Page page = session.reader().readPage(new PageRequest(new CollectionName(database, collection), null, pk, after,
          limit, List.of(), 0));
      if (page.isEmpty()) {
        return pages;
      }
      pages.add(page);
      after = page.lastPk();
    }
  }

  static Column column(Page page, String name) {
    return byName(page.columns()).get(name);
  }

  static Map<String, Column> byName(List<Column> columns) {
    return columns.stream().collect(Collectors.toMap(Column::getFieldName, Function.identity()));
  }

  /** All pages' rows as one column per field, in page order. */
  static List<Column> concatenate(List<Page> pages) {
    return ColumnConcatenation.rows(pages.stream().map(Page::columns).toList());
  }

  /** JSON columns as parsed values: servers may re-format JSON text (e.g. Lite adds spaces). */
  static Object jsonParsed(Column column) {
    if (column.getDataType() != DataType.JSON) {
      return column;
    }
    List<Object> rows = ((RowBytesValues) column.getValues()).getRows().stream()
        .map(row -> (Object) (row.remaining() == 0 ? "" : JsonParser.parseString(StandardCharsets.UTF_8.decode(row.duplicate()).toString())))
        .toList();
    return List.of(column.getFieldName(), String.valueOf(column.getValidity()), rows);
  }

  static PrimaryKeys longKeys(long... keys) {
    return new PrimaryKeys("id", new PackedValues(LittleEndianPacker.packLongs(keys)));
  }

  /** Server-assigned attributes cleared, so a described schema compares with a requested one. */
  static CollectionSchema comparable(CollectionSchema schema) {
    CollectionSchema copy = CollectionSchema.newBuilder(schema).setSourceCollectionId(null).setCreatedTs(null).build();
    copy.setFields(schema.getFields().stream().filter(field -> !field.getIsDynamic())
        .map(field -> FieldSchema.newBuilder(field).setFieldId(null).build()).toList());
    return copy;
  }
}
