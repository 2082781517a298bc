package dev.milvusmigrate.milvus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.milvus.wal.WalKeys;
import io.milvus.grpc.DeleteRequest;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.QueryResults;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.StringArray;
import io.milvus.grpc.UpsertRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteRequestTest {

  @Test
  void anUpsertNamesItsCollectionAndTheKeysOfItsKeyColumn() {
    byte[] upsert = UpsertRequest.newBuilder().setCollectionName("c").setPartitionName("p")
        .addFieldsData(longs("n", 5L)).addFieldsData(longs("id", 7L, 8L)).build().toByteArray();

    WriteRequest request = WriteRequest.read(AcknowledgedWriteDecoder.UPSERT, "db1", upsert);

    assertThat(request.database()).isEqualTo("db1");
    assertThat(request.collection()).isEqualTo("c");
    assertThat(request.partition()).isEqualTo("p");
    assertThat(request.filter()).isEmpty();
    assertThat(request.keys("id")).contains(new WalKeys.Int64(List.of(7L, 8L)));
  }

  @Test
  void anAutoIdInsertHasNoKeysAndADeleteItsFilter() {
    byte[] insert = InsertRequest.newBuilder().setDbName("d").setCollectionName("c").addFieldsData(longs("n", 1L))
        .build().toByteArray();
    byte[] delete = DeleteRequest.newBuilder().setCollectionName("c").setExpr("n > 3").build().toByteArray();

    assertThat(WriteRequest.read(AcknowledgedWriteDecoder.INSERT, null, insert).keys("id")).isEmpty();
    WriteRequest deleted = WriteRequest.read(AcknowledgedWriteDecoder.DELETE, null, delete);
    assertThat(deleted.database()).isEqualTo("default");
    assertThat(deleted.filter()).contains("n > 3");
  }

  @Test
  void bytesThatAreNoRequestAreUnreadable() {
    assertThatThrownBy(() -> WriteRequest.read(AcknowledgedWriteDecoder.INSERT, null, new byte[] {(byte) 0xff}))
        .isInstanceOf(UnreadableWrite.class).hasMessageContaining("is not a Milvus message");
  }

  @Test
  void theQueryAnswersTheKeysOfTheKeyField() {
    byte[] results = QueryResults.newBuilder().addFieldsData(FieldData.newBuilder().setFieldName("pk")
        .setScalars(ScalarField.newBuilder().setStringData(StringArray.newBuilder().addData("a").addData("b"))))
        .build().toByteArray();

    assertThat(FilterQuery.keys("c", "pk", results)).isEqualTo(new WalKeys.Varchar(List.of("a", "b")));
    assertThat(FilterQuery.keys("c", "pk", QueryResults.getDefaultInstance().toByteArray()).size()).isZero();
  }

  private static FieldData longs(String name, Long... values) {
    return FieldData.newBuilder().setFieldName(name)
        .setScalars(ScalarField.newBuilder().setLongData(LongArray.newBuilder().addAllData(List.of(values)))).build();
  }
}
