package dev.milvusmigrate.schemas.serde;

import static dev.milvusmigrate.schemas.Samples.TSO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.Samples;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.ErrorEvent;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.MarkerKind;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeRoundTripTest {

  static <T extends SpecificRecordBase> T roundTrip(T record) {
    @SuppressWarnings("unchecked")
    AvroSerde<T> serde = AvroSerde.of((Class<T>) record.getClass());
    byte[] bytes = serde.serializer().serialize("topic", record);
    assertThat(bytes).startsWith((byte) 0xC3, (byte) 0x01);
    return serde.deserializer().deserialize("topic", bytes);
  }

  static Stream<SpecificRecordBase> everyRecordType() {
    return Stream.of(
        new PipelineEvent(Samples.insert()),
        new PipelineEvent(Samples.deleteByInt64Keys()),
        new PipelineEvent(Samples.deleteByVarcharKeys()),
        new PipelineEvent(Samples.heartbeat()),
        new PipelineEvent(new Marker(MarkerKind.STOP_SYNC_FENCE, "job-1", null, null, TSO, 12, null)),
        new PipelineEvent(Samples.collectionSchema()),
        new SnapshotEvent(Samples.entityBatch()),
        new SnapshotEvent(new Marker(MarkerKind.SNAPSHOT_START, "job-1", "db1", "docs", TSO, null, null)),
        new SnapshotEvent(Samples.collectionSchema()),
        Samples.insert(), Samples.heartbeat(), Samples.snapshotEnd(), Samples.entityBatch(),
        Samples.collectionSchema(), Samples.controlCommand(), Samples.jobStatus(), Samples.lagReport(), Samples.notification(),
        new ErrorEvent("job-1", "cmd-9", "STOP_SYNC needs writes_stopped_confirmed=true", 1_700_000_000_123L),
        new ErrorEvent(null, null, "unreadable control message", 1L),
        new SinkProgress("job-1", 4, TSO, 1_000_000L, "sink-a", 1_700_000_000_456L, TSO, 12));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyRecordType")
  void everyRecordTypeRoundTripsToAnEqualRecord(SpecificRecordBase record) {
    SpecificRecordBase decoded = roundTrip(record);

    assertThat(decoded).isNotSameAs(record).isInstanceOf(record.getClass()).isEqualTo(record);
  }

  @Test
  void mutationFieldsSurviveTheEnvelope() {
    Mutation decoded = (Mutation) roundTrip(new PipelineEvent(Samples.insert())).getPayload();

    assertThat(decoded.getOp()).isEqualTo(MutationOp.INSERT);
    assertThat(decoded.getSourceTs() >>> 18).isEqualTo(1_700_000_000_000L);
    assertThat(decoded.getPartition()).isEqualTo("p2024");
    assertThat(decoded.getSourceOffset()).isEqualTo(4242L);
    assertThat(decoded.getPrimaryKeys()).isNull();
    PackedValues ids = (PackedValues) decoded.getColumns().get(0).getValues();
    assertThat(LittleEndianPacker.unpackLongs(ids.getData())).containsExactly(10L, 11L);
  }

  @Test
  void deleteCarriesInt64OrVarcharKeys() {
    Mutation int64 = roundTrip(Samples.deleteByInt64Keys());
    Mutation varchar = roundTrip(Samples.deleteByVarcharKeys());

    assertThat(int64.getColumns()).isEmpty();
    PackedValues packed = (PackedValues) int64.getPrimaryKeys().getKeys();
    assertThat(LittleEndianPacker.unpackLongs(packed.getData())).containsExactly(7L, Long.MAX_VALUE);
    assertThat(((StringValues) varchar.getPrimaryKeys().getKeys()).getValues()).containsExactly("a", "ключ", "🔑");
  }

  @Test
  void envelopeKeepsThePayloadType() {
    Object payload = roundTrip(new PipelineEvent(Samples.heartbeat())).getPayload();

    assertThat(payload).isInstanceOf(Heartbeat.class);
    assertThat(((Heartbeat) payload).getCaptureInstance()).isEqualTo("capture-a");
  }

  @Test
  void snapshotEnvelopeCarriesBatchesWithTheirPrimaryKeyRange() {
    EntityBatch batch = (EntityBatch) roundTrip(new SnapshotEvent(Samples.entityBatch())).getPayload();

    assertThat(batch.getFirstPk()).isEqualTo(10L);
    assertThat(batch.getLastPk()).isEqualTo(11L);
    assertThat(batch.getChunk()).isEqualTo(3L);
  }

  @Test
  void nullRecordSerializesToNullAndNullBytesDeserializeToNull() {
    AvroSerde<Heartbeat> serde = AvroSerde.of(Heartbeat.class);

    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void collectionSchemaDefaultsApplyWhenUnset() {
    CollectionSchema minimal = CollectionSchema.newBuilder().setDatabase("d").setCollection("c")
        .setFields(List.of(Samples.primaryKeyField())).build();

    CollectionSchema decoded = roundTrip(minimal);

    assertThat(decoded.getShardsNum()).isEqualTo(1);
    assertThat(decoded.getConsistencyLevel().name()).isEqualTo("BOUNDED");
    assertThat(decoded.getFunctions()).isEmpty();
    assertThat(decoded.getProperties()).isEmpty();
    assertThat(decoded.getNumPartitions()).isNull();
  }
}
