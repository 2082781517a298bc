package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.milvusmigrate.capture.DmlTopicReader.WalRecord;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import io.milvus.grpc.CollectionSchema;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.MsgType;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.InsertReq;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import milvus.proto.msg.Msg;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ground truth for WAL capture: Milvus 2.3.5 standalone writing its message queue to Kafka puts
 * each insert and delete on a {@code by-dev-rootcoord-dml_<n>} topic as a bare protobuf
 * ({@code msgpb.InsertRequest} / {@code DeleteRequest}) carrying per-row hybrid timestamps,
 * interleaved with {@code TimeTick} messages.
 */
@ExtendWith(MilvusStandaloneExtension.class)
class MilvusKafkaWalIT {

  private static final List<Long> IDS = LongStream.rangeClosed(7, 11).boxed().toList();
  private static final Duration WAL_TIMEOUT = Duration.ofMinutes(1);
  /** Milvus hybrid timestamps keep 18 logical bits below the physical milliseconds. */
  private static final int LOGICAL_BITS = 18;

  private MilvusClientV2 client;
  private DmlTopicReader reader;
  private String collection;

  @BeforeEach
  void setUp(MilvusStandaloneServer server) {
    client = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
    reader = new DmlTopicReader(server.kafkaBootstrapServers().orElseThrow(), server.dmlTopicPrefix());
    collection = "wal_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    createCollection();
  }

  @AfterEach
  void tearDown() {
    reader.close();
    client.close();
  }

  @Test
  void insertIsAnInsertRequestWithCollectionPrimaryKeysAndPerRowTimestamps() {
    long before = System.currentTimeMillis();
    client.insert(InsertReq.builder().collectionName(collection).data(rows()).build());
    long after = System.currentTimeMillis();

    WalRecord record = awaitFirst(MsgType.Insert);
    Msg.InsertRequest insert = parse(record, Msg.InsertRequest::parseFrom);

    assertThat(record.headerKeys()).containsExactly("traceparent");
    assertThat(insert.getBase().getMsgType()).isEqualTo(MsgType.Insert);
    assertThat(insert.getCollectionName()).isEqualTo(collection);
    // 2.3.5 leaves the database out of the WAL: capture must map collectionID to its database itself.
    assertThat(insert.getDbName()).isEmpty();
    assertThat(insert.getDbID()).isZero();
    assertThat(insert.getPartitionName()).isEqualTo("_default");
    assertThat(insert.getShardName()).startsWith("by-dev-rootcoord-dml_").contains("_" + insert.getCollectionID() + "v");
    assertThat(insert.getNumRows()).isEqualTo(IDS.size());
    assertThat(field(insert, "id").getScalars().getLongData().getDataList()).isEqualTo(IDS);
    assertThat(field(insert, "title").getScalars().getStringData().getDataList())
        .containsExactly("row-7", "row-8", "row-9", "row-10", "row-11");
    assertThat(insert.getCollectionID()).isPositive();
    assertThat(insert.getTimestampsList()).hasSize(IDS.size()).containsOnly(insert.getTimestamps(0)).allSatisfy(ts ->
        assertThat(ts >>> LOGICAL_BITS).isBetween(before - 5_000, after + 5_000));
    assertThat(insert.getRowIDsList()).hasSize(IDS.size());
  }

  @Test
  void deleteIsADeleteRequestWithPrimaryKeysAndPerRowTimestamps() {
    client.insert(InsertReq.builder().collectionName(collection).data(rows()).build());
    client.delete(DeleteReq.builder().collectionName(collection).ids(List.of(8L, 10L)).build());

    Msg.DeleteRequest delete = parse(awaitFirst(MsgType.Delete), Msg.DeleteRequest::parseFrom);

    assertThat(delete.getCollectionName()).isEqualTo(collection);
    assertThat(delete.getPrimaryKeys().getIntId().getDataList()).containsExactly(8L, 10L);
    assertThat(delete.getNumRows()).isEqualTo(2);
    assertThat(delete.getTimestampsList()).hasSize(2);
    Msg.InsertRequest insert = parse(awaitFirst(MsgType.Insert), Msg.InsertRequest::parseFrom);
    assertThat(delete.getTimestamps(0)).isGreaterThan(insert.getTimestamps(0));
  }

  @Test
  void createCollectionInsertAndALaterTimeTickShareTheChannel() {
    client.insert(InsertReq.builder().collectionName(collection).data(rows()).build());
    WalRecord insert = awaitFirst(MsgType.Insert);
    WalRecord create = awaitFirst(MsgType.CreateCollection);

    assertThat(create.topic()).isEqualTo(insert.topic());
    assertThat(create.offset()).isLessThan(insert.offset());
    // 2.3.5 leaves collection_name empty here; the name is inside the serialized schema.
    Msg.CreateCollectionRequest createRequest = parse(create, Msg.CreateCollectionRequest::parseFrom);
    assertThat(createRequest.getCollectionName()).isEmpty();
    assertThat(createRequest.getCollectionID()).isEqualTo(parse(insert, Msg.InsertRequest::parseFrom).getCollectionID());
    assertThat(parse(create, MilvusKafkaWalIT::createdSchema).getFieldsList()).extracting(FieldSchema::getName)
        .contains("id", "title", "embedding");

    // Ticks are not ordered against inserts: one written after the insert may carry an older time.
    // The one that matters says "nothing older than T follows"; it must reach the insert's timestamp.
    long insertTimestamp = parse(insert, Msg.InsertRequest::parseFrom).getTimestamps(0);
    await("a TimeTick at or past the insert on " + insert.topic()).atMost(WAL_TIMEOUT).until(() ->
        reader.poll().stream().anyMatch(record -> record.topic().equals(insert.topic())
            && record.offset() > insert.offset() && record.type() == MsgType.TimeTick
            && parse(record, Msg.TimeTickMsg::parseFrom).getBase().getTimestamp() >= insertTimestamp));
  }

  @Test
  void pymilvusLeavesTheArrayElementTypeUnsetWhileTheServerAddsFieldIdsAndTypes(MilvusStandaloneServer server) {
    PyMilvusWorkload workload = new PyMilvusWorkload("default", collection + "_py", List.of());
    workload.create(server.uri(), 3, true);

    Msg.InsertRequest insert = awaitInsertInto(workload.collection());

    assertThat(insert.getFieldsDataList()).allSatisfy(field -> {
      assertThat(field.getFieldId()).as(field.getFieldName()).isGreaterThanOrEqualTo(100);
      assertThat(field.getType()).as(field.getFieldName()).isNotEqualTo(io.milvus.grpc.DataType.None);
    });
    assertThat(insert.getFieldsDataList()).filteredOn(field -> field.getType() == io.milvus.grpc.DataType.Array)
        .hasSize(8).allSatisfy(field -> assertThat(field.getScalars().getArrayData().getElementType())
            .as(field.getFieldName()).isEqualTo(io.milvus.grpc.DataType.None));
    assertThat(field(insert, "$meta").getIsDynamic()).isTrue();
    assertThat(field(insert, "embedding").getVectors().getDim()).isEqualTo(8);
  }

  @Test
  void theJavaSdkLeavesTheArrayElementTypeUnsetToo() {
    String arrays = collection + "_arr";
    CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
    schema.addField(AddFieldReq.builder().fieldName("id").dataType(DataType.Int64).isPrimaryKey(true).autoID(false).build());
    schema.addField(AddFieldReq.builder().fieldName("nums").dataType(DataType.Array).elementType(DataType.Int64)
        .maxCapacity(4).build());
    schema.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(4).build());
    client.createCollection(CreateCollectionReq.builder().collectionName(arrays).collectionSchema(schema).build());
    JsonObject row = rows().get(0);
    row.remove("title");
    JsonArray nums = new JsonArray();
    nums.add(5L);
    row.add("nums", nums);
    client.insert(InsertReq.builder().collectionName(arrays).data(List.of(row)).build());

    FieldData logged = field(awaitInsertInto(arrays), "nums");

    assertThat(logged.getScalars().getArrayData().getElementType()).isEqualTo(io.milvus.grpc.DataType.None);
    assertThat(logged.getScalars().getArrayData().getData(0).getLongData().getDataList()).containsExactly(5L);
  }

  private Msg.InsertRequest awaitInsertInto(String name) {
    return await("Insert into " + name + " on the DML topics").atMost(WAL_TIMEOUT)
        .until(() -> reader.poll().stream()
            .filter(record -> record.type() == MsgType.Insert)
            .map(record -> parse(record, Msg.InsertRequest::parseFrom))
            .filter(insert -> insert.getCollectionName().equals(name))
            .findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  private WalRecord awaitFirst(MsgType type) {
    return await(type + " of " + collection + " on the DML topics").atMost(WAL_TIMEOUT)
        .until(() -> reader.poll().stream()
            .filter(record -> record.type() == type && mentionsCollection(record))
            .findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  private boolean mentionsCollection(WalRecord record) {
    return switch (record.type()) {
      case Insert -> parse(record, Msg.InsertRequest::parseFrom).getCollectionName().equals(collection);
      case Delete -> parse(record, Msg.DeleteRequest::parseFrom).getCollectionName().equals(collection);
      case CreateCollection -> parse(record, MilvusKafkaWalIT::createdSchema).getName().equals(collection);
      default -> false;
    };
  }

  /** The bytes field is deprecated in newer protos, but it is the one 2.3.5 fills. */
  @SuppressWarnings("deprecation")
  private static CollectionSchema createdSchema(byte[] value) throws InvalidProtocolBufferException {
    return CollectionSchema.parseFrom(Msg.CreateCollectionRequest.parseFrom(value).getSchema());
  }

  private static FieldData field(Msg.InsertRequest insert, String name) {
    return insert.getFieldsDataList().stream().filter(field -> field.getFieldName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no field " + name + " in " + insert.getFieldsDataList()));
  }

  private void createCollection() {
    CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
    schema.addField(AddFieldReq.builder().fieldName("id").dataType(DataType.Int64).isPrimaryKey(true).autoID(false).build());
    schema.addField(AddFieldReq.builder().fieldName("title").dataType(DataType.VarChar).maxLength(32).build());
    schema.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(4).build());
    client.createCollection(CreateCollectionReq.builder().collectionName(collection).collectionSchema(schema).build());
  }

  private static List<JsonObject> rows() {
    return IDS.stream().map(id -> {
      JsonObject row = new JsonObject();
      row.addProperty("id", id);
      row.addProperty("title", "row-" + id);
      JsonArray vector = new JsonArray();
      LongStream.range(0, 4).forEach(d -> vector.add((float) (id + d)));
      row.add("embedding", vector);
      return row;
    }).toList();
  }

  private interface Parser<T> {
    T parse(byte[] value) throws InvalidProtocolBufferException;
  }

  private static <T> T parse(WalRecord record, Parser<T> parser) {
    try {
      return parser.parse(record.value());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("Cannot decode " + record.type() + " at " + record.topic() + "@" + record.offset(), e);
    }
  }
}
