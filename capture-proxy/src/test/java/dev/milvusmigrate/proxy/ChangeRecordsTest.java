package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.milvus.api.AcknowledgedDelete;
import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeRecordsTest {

  @Test
  void aDeleteRecordsTheKeysTheSourceNamedUnderThePrimaryKeysName() {
    ProxyChange change = ChangeRecords.of(new AcknowledgedDelete("db", "c", "p1", "id in [7,9]",
        Optional.of(new WalKeys.Int64(List.of(7L, 9L))), 2, 0), schema(DataType.INT64)).build();

    assertThat(change.getKind()).isEqualTo(ProxyChangeKind.DELETE);
    assertThat(change.getRowCount()).isEqualTo(2);
    assertThat(change.getPartition()).isEqualTo("p1");
    assertThat(change.getPrimaryKeys().getFieldName()).isEqualTo("pk");
    assertThat(LittleEndianPacker.unpackLongs(((PackedValues) change.getPrimaryKeys().getKeys()).getData()))
        .containsExactly(7, 9);
    assertThat(change.getColumns()).isEmpty();
  }

  @Test
  void varcharKeysStayStrings() {
    ProxyChange change = ChangeRecords.of(new AcknowledgedDelete("db", "c", "", "pk == \"a\"",
        Optional.of(new WalKeys.Varchar(List.of("a"))), 1, 0), schema(DataType.VARCHAR)).build();

    assertThat(((StringValues) change.getPrimaryKeys().getKeys()).getValues()).containsExactly("a");
  }

  @Test
  void aDeleteWhoseKeysTheSourceDidNotNameCannotBeRecorded() {
    // Milvus 2.3.5 answers a delete with its count only.
    AcknowledgedDelete countOnly = new AcknowledgedDelete("db", "c", "", "n > 3", Optional.empty(), 4, 0);

    assertThatThrownBy(() -> ChangeRecords.of(countOnly, schema(DataType.INT64)))
        .hasMessage("The source did not name the keys of the delete from c (n > 3), so the proxy cannot record it.");
  }

  private static CollectionSchema schema(DataType keyType) {
    return CollectionSchema.newBuilder().setDatabase("db").setCollection("c").setFields(List.of(
        FieldSchema.newBuilder().setName("pk").setDataType(keyType).setTypeParams(Map.of()).setIsPrimaryKey(true)
            .build())).setPartitions(List.of()).build();
  }
}
