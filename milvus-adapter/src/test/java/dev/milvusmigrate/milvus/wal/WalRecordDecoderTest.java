package dev.milvusmigrate.milvus.wal;

import static dev.milvusmigrate.milvus.wal.WalMessages.BOOKS;
import static dev.milvusmigrate.milvus.wal.WalMessages.COLLECTION_ID;
import static dev.milvusmigrate.milvus.wal.WalMessages.SHARD;
import static dev.milvusmigrate.milvus.wal.WalMessages.TOPIC;
import static dev.milvusmigrate.milvus.wal.WalMessages.TS_1;
import static dev.milvusmigrate.milvus.wal.WalMessages.TS_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import io.milvus.grpc.Blob;
import io.milvus.grpc.IDs;
import io.milvus.grpc.MsgType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import milvus.proto.msg.Msg;
import org.junit.jupiter.api.Test;

class WalRecordDecoderTest {

  private final WalRecordDecoder decoder = new WalRecordDecoder();

  @Test
  void columnBasedInsertKeepsPerRowTimestampsAndReadsItsColumnsWithTheSchema() {
    Msg.InsertRequest logged = WalMessages.insert().build();
    WalEvent event = decoder.decode(TOPIC, logged.toByteArray());

    assertThat(event).isEqualTo(new WalInsert(COLLECTION_ID, "books", "_default", SHARD, List.of(TS_1, TS_2),
        new LoggedFieldData(logged.getFieldsDataList(), 2)));
    assertThat(((WalInsert) event).columns().read(BOOKS)).isEqualTo(List.of(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {7, 8})),
        Columns.strings("title", DataType.VARCHAR, List.of("seven", "eight")),
        Columns.vectors("embedding", DataType.FLOAT_VECTOR, 2,
            VectorPacker.packFloatVectors(new float[][] {{0.5f, 1.5f}, {2.5f, 3.5f}}, 2)),
        Columns.rowBytes("info", DataType.JSON, List.of(utf8("{\"n\":7}"), utf8("{\"n\":8}")))));
  }

  @Test
  void rowBasedInsertIsRefusedClearly() {
    byte[] rowBased = WalMessages.insert().clearFieldsData().addRowData(Blob.newBuilder().build()).build().toByteArray();

    assertThatThrownBy(() -> decoder.decode(TOPIC, rowBased)).isInstanceOf(WalDecodeException.class)
        .hasMessage("The insert into books on " + TOPIC
            + " is row-based (rowData); capture reads only column-based inserts (as Milvus 2.2.16 and later write them).");
  }

  @Test
  void insertWhoseColumnsDisagreeWithItsTimestampsIsRefusedWhenRead() {
    byte[] oneTimestamp = WalMessages.insert().clearTimestamps().addTimestamps(TS_1).build().toByteArray();
    WalInsert insert = (WalInsert) decoder.decode(TOPIC, oneTimestamp);

    assertThatThrownBy(() -> insert.columns().read(BOOKS)).isInstanceOf(WalDecodeException.class)
        .hasMessage("The logged insert into library.books does not match the collection's schema: field 'id' holds 2"
            + " rows but the insert has 1.");
  }

  @Test
  void deleteByInt64KeysKeepsEachKeysTimestamp() {
    byte[] delete = WalMessages.deleteInt64(List.of(8L, 10L), List.of(TS_1, TS_2)).toByteArray();

    assertThat(decoder.decode(TOPIC, delete)).isEqualTo(
        new WalDelete(COLLECTION_ID, "books", "_default", new WalKeys.Int64(List.of(8L, 10L)), List.of(TS_1, TS_2)));
  }

  @Test
  void deleteByVarcharKeys() {
    byte[] delete = WalMessages.deleteVarchar(List.of("a-1", "b-2"), List.of(TS_2, TS_2)).toByteArray();

    assertThat(decoder.decode(TOPIC, delete)).isEqualTo(
        new WalDelete(COLLECTION_ID, "books", "_default", new WalKeys.Varchar(List.of("a-1", "b-2")), List.of(TS_2, TS_2)));
  }

  @Test
  void deleteWithoutKeysIsRefused() {
    byte[] delete = WalMessages.delete(IDs.getDefaultInstance(), List.of()).toByteArray();

    assertThatThrownBy(() -> decoder.decode(TOPIC, delete)).isInstanceOf(WalDecodeException.class)
        .hasMessage("The delete from books on " + TOPIC + " carries no primary keys (primaryKeys is empty).");
  }

  @Test
  void timeTickCarriesItsTimestampAndTheTopicAsChannel() {
    assertThat(decoder.decode(TOPIC, WalMessages.timeTick(TS_2).toByteArray())).isEqualTo(new WalTimeTick(TS_2, TOPIC));
  }

  @Test
  void otherMessageTypesAreIgnoredByName() {
    byte[] create = Msg.CreateCollectionRequest.newBuilder().setBase(WalMessages.base(MsgType.CreateCollection, TS_1))
        .setCollectionID(COLLECTION_ID).build().toByteArray();

    assertThat(decoder.decode(TOPIC, create)).isEqualTo(new Ignored("CreateCollection"));
  }

  @Test
  void garbageIsADecodeException() {
    byte[] garbage = "not a protobuf".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> decoder.decode(TOPIC, garbage)).isInstanceOf(WalDecodeException.class)
        .hasMessageStartingWith("A record of " + TOPIC + " (14 bytes) is not a Milvus message header: ");
  }

  @Test
  void aMessageWithoutMsgBaseOrValueIsADecodeException() {
    assertThatThrownBy(() -> decoder.decode(TOPIC, new byte[0])).isInstanceOf(WalDecodeException.class)
        .hasMessage("A record of " + TOPIC + " has no MsgBase; it is not a Milvus message.");
    assertThatThrownBy(() -> decoder.decode(TOPIC, null)).isInstanceOf(WalDecodeException.class)
        .hasMessage("A record of " + TOPIC + " has no value; it is not a Milvus message.");
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
