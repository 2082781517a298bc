package dev.milvusmigrate.milvus;

import static dev.milvusmigrate.milvus.SampleSchemas.collection;
import static dev.milvusmigrate.milvus.SampleSchemas.commonFields;
import static dev.milvusmigrate.milvus.SampleSchemas.field;
import static dev.milvusmigrate.milvus.SampleSchemas.floatVector;
import static dev.milvusmigrate.milvus.SampleSchemas.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaSupportTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "v2.3.5-lite   | SPARSE_FLOAT_VECTOR | field 'extra' of type SPARSE_FLOAT_VECTOR (Milvus 2.4.0 and later)",
      "v2.4.0        | SPARSE_FLOAT_VECTOR | ",
      "v2.2.16-lite  | ARRAY               | field 'extra' of type ARRAY (Milvus 2.3.0 and later)",
      "v2.3.0        | ARRAY               | ",
      "v2.2.7        | JSON                | field 'extra' of type JSON (Milvus 2.2.8 and later)",
      "v2.2.16-lite  | JSON                | ",
      "v2.5.4        | GEOMETRY            | field 'extra' of type GEOMETRY (Milvus 2.6.4 and later)",
      "v2.6.4        | GEOMETRY            | ",
      "v2.6.5        | TIMESTAMPTZ         | field 'extra' of type TIMESTAMPTZ (Milvus 2.6.6 and later)",
      "v2.5.0        | INT8_VECTOR         | field 'extra' of type INT8_VECTOR (Milvus 2.6.0 and later)",
      "milvus_lite-3.2.2 | BINARY_VECTOR   | field 'extra' of type BINARY_VECTOR (Milvus Lite has no such type)",
      "milvus_lite-3.2.2 | GEOMETRY        | ",
      "unparsable    | GEOMETRY            | "})
  void namesTheFirstFieldTypeTheServerVersionLacks(String version, DataType type, String expected) {
    FieldSchema extra = field("extra", type).build();

    assertThat(SchemaSupport.lacking(version, collection("db", "c", List.of(primaryKey("id"), extra), false)))
        .isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "v2.3.5-lite | nullable field 'note' (Milvus 2.5.0 and later)",
      "v2.5.0      | "})
  void nullableFieldsNeedMilvus25(String version, String expected) {
    CollectionSchema schema = collection("db", "c", List.of(primaryKey("id"),
        field("note", DataType.VARCHAR).setMaxLength(8).setNullable(true).build(), floatVector("embedding")), false);

    assertThat(SchemaSupport.lacking(version, schema)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "v2.3.5-lite | more than one vector field (Milvus 2.4.0 and later)",
      "v2.4.1      | "})
  void aSecondVectorFieldNeedsMilvus24(String version, String expected) {
    CollectionSchema schema = collection("db", "c", List.of(primaryKey("id"), floatVector("a"), floatVector("b")),
        false);

    assertThat(SchemaSupport.lacking(version, schema)).isEqualTo(Optional.ofNullable(expected));
  }

  @ParameterizedTest
  @CsvSource({"v2.3.5-lite", "milvus_lite-3.2.2"})
  void theCommonFieldsFitEveryTestedServer(String version) {
    assertThat(SchemaSupport.lacking(version, collection("db", "c", commonFields(), true))).isEmpty();
  }
}
