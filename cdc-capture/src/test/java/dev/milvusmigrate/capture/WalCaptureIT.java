package dev.milvusmigrate.capture;

import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.milvusmigrate.capture.DmlTopicReader.WalRecord;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.wal.WalDelete;
import dev.milvusmigrate.milvus.wal.WalEvent;
import dev.milvusmigrate.milvus.wal.WalInsert;
import dev.milvusmigrate.milvus.wal.WalRecordDecoder;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Decoding and mapping against the real log: inserts, an upsert and a delete made through the SDK
 * on Milvus 2.3.5 come back from its Kafka DML topics as one-row mutations in source order.
 */
@ExtendWith(MilvusStandaloneExtension.class)
class WalCaptureIT {

  private static final Duration WAL_TIMEOUT = Duration.ofMinutes(1);

  private final WalRecordDecoder decoder = new WalRecordDecoder();
  private final MutationMapper mapper = new MutationMapper("job-" + UUID.randomUUID());
  private MilvusClientV2 client;
  private DmlTopicReader reader;
  private String collection;
  private long collectionId;
  private CollectionSchema schema;

  @BeforeEach
  void setUp(MilvusStandaloneServer server) {
    client = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
    reader = new DmlTopicReader(server.kafkaBootstrapServers().orElseThrow(), server.dmlTopicPrefix());
    collection = "cap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    createCollection();
    collectionId = client.describeCollection(DescribeCollectionReq.builder().collectionName(collection).build())
        .getCollectionID();
    try (MilvusSession session = MilvusConnector.connect(MilvusEndpoint.of(server.uri()))) {
      schema = session.catalog().describeCollection(new CollectionName("default", collection)).orElseThrow();
    }
  }

  @AfterEach
  void tearDown() {
    reader.close();
    client.close();
  }

  @Test
  void insertUpsertAndDeleteBecomeOneRowMutationsInSourceOrderPerKey() {
    client.insert(InsertReq.builder().collectionName(collection)
        .data(List.of(row(1, "one"), row(2, "two"), row(3, "three"))).build());
    client.upsert(UpsertReq.builder().collectionName(collection).data(List.of(row(2, "two-again"))).build());
    client.delete(DeleteReq.builder().collectionName(collection).ids(List.of(3L)).build());

    List<Mutation> mutations = await("the delete of key 3 in " + collection).atMost(WAL_TIMEOUT)
        .until(this::mutations, all -> all.stream().anyMatch(m -> m.getOp() == MutationOp.DELETE && key(m) == 3));
    Map<Long, List<Mutation>> byKey = mutations.stream().collect(groupingBy(WalCaptureIT::key));

    assertThat(byKey.get(1L)).extracting(WalCaptureIT::summary).containsExactly("INSERT one");
    assertThat(byKey.get(3L)).extracting(WalCaptureIT::summary).containsExactly("INSERT three", "DELETE");
    // 2.3.5 logs an upsert as an insert, then a delete of the same keys with the same timestamp.
    List<Mutation> upserted = byKey.get(2L);
    assertThat(upserted).extracting(WalCaptureIT::summary).containsExactly("INSERT two", "INSERT two-again", "DELETE");
    assertThat(upserted.get(2).getSourceTs()).isEqualTo(upserted.get(1).getSourceTs())
        .isGreaterThan(upserted.get(0).getSourceTs());
    assertThat(upserted.get(2).getSourceOffset()).isGreaterThan(upserted.get(1).getSourceOffset());
    assertThat(upserted.get(2).getPartition()).isEqualTo("_default");
    // A plain delete names no partition: it removes the key from all of them.
    assertThat(byKey.get(3L).get(1).getPartition()).isNull();
    assertThat(byKey.get(3L).get(1).getSourceTs()).isGreaterThan(upserted.get(2).getSourceTs());
    byKey.values().forEach(perKey -> assertThat(perKey).extracting(Mutation::getSourceTs).isSorted());
    assertThat(mutations).allSatisfy(m -> {
      assertThat(m.getDatabase()).isEqualTo("default");
      assertThat(m.getCollection()).isEqualTo(collection);
      assertThat(m.getRowCount()).isEqualTo(1);
      assertThat(m.getSourceTopic()).startsWith("by-dev-rootcoord-dml_");
    });
    Mutation firstInsert = byKey.get(1L).get(0);
    assertThat(firstInsert.getPartition()).isEqualTo("_default");
    assertThat(firstInsert.getColumns()).extracting(Column::getFieldName)
        .containsExactly("id", "title", "info", "embedding");
    assertThat(VectorPacker.unpackFloatVectors(((PackedValues) column(firstInsert, "embedding").getValues()).getData(), 4))
        .isEqualTo(new float[][] {{1f, 2f, 3f, 4f}});
    RowBytesValues info = (RowBytesValues) column(firstInsert, "info").getValues();
    assertThat(StandardCharsets.UTF_8.decode(info.getRows().get(0)).toString()).isEqualTo("{\"n\":1}");
  }

  /** Every mutation of this test's collection read so far, in log order. */
  private List<Mutation> mutations() {
    ResolvedCollection target = new ResolvedCollection("default", collection, "id", false);
    List<Mutation> mutations = new ArrayList<>();
    for (WalRecord record : reader.poll()) {
      WalPosition position = new WalPosition(record.topic(), record.partition(), record.offset());
      WalEvent event = decoder.decode(record.topic(), record.value());
      if (event instanceof WalInsert insert && insert.collectionId() == collectionId) {
        mutations.addAll(mapper.inserts(insert, insert.columns().read(schema), target, position));
      } else if (event instanceof WalDelete delete && delete.collectionId() == collectionId) {
        mutations.addAll(mapper.deletes(delete, target, position));
      }
    }
    return mutations;
  }

  private static long key(Mutation mutation) {
    return CaptureTestRows.key(mutation);
  }

  private static String summary(Mutation mutation) {
    return mutation.getOp() == MutationOp.DELETE ? "DELETE" : mutation.getOp() + " " + CaptureTestRows.title(mutation);
  }

  private static Column column(Mutation mutation, String name) {
    return CaptureTestRows.column(mutation, name);
  }

  private void createCollection() {
    CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
    schema.addField(AddFieldReq.builder().fieldName("id").dataType(DataType.Int64).isPrimaryKey(true).autoID(false).build());
    schema.addField(AddFieldReq.builder().fieldName("title").dataType(DataType.VarChar).maxLength(32).build());
    schema.addField(AddFieldReq.builder().fieldName("info").dataType(DataType.JSON).build());
    schema.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(4).build());
    client.createCollection(CreateCollectionReq.builder().collectionName(collection).collectionSchema(schema).build());
  }

  private static JsonObject row(long id, String title) {
    JsonObject row = new JsonObject();
    row.addProperty("id", id);
    row.addProperty("title", title);
    JsonObject info = new JsonObject();
    info.addProperty("n", id);
    row.add("info", info);
    JsonArray vector = new JsonArray();
    for (int d = 1; d <= 4; d++) {
      vector.add((float) (id * d));
    }
    row.add("embedding", vector);
    return row;
  }
}
