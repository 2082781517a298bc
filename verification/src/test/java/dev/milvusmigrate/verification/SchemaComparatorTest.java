package dev.milvusmigrate.verification;

import static dev.milvusmigrate.verification.TestSchemas.books;
import static dev.milvusmigrate.verification.TestSchemas.field;
import static dev.milvusmigrate.verification.TestSchemas.withField;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.ConsistencyLevel;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.FunctionSchema;
import dev.milvusmigrate.schemas.avro.FunctionType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaComparatorTest {

  private final SchemaComparator comparator = new SchemaComparator();
  private final CollectionSchema source = books("src");

  @Test
  void identicalSchemasDifferOnlyInWhatIsIgnored() {
    CollectionSchema target = CollectionSchema.newBuilder(source).setDatabase("tgt").setSourceCollectionId(99L)
        .setCreatedTs(5L).build();
    target.setFields(target.getFields().stream().map(f -> withId(f, f.getFieldId() + 1000)).toList());

    assertThat(comparator.differences(source, target)).isEmpty();
  }

  @Test
  void eachFieldAttributeDifferenceIsOneSentenceNamingFieldAndAttribute() {
    assertThat(comparator.differences(source, withField(source, "title", f -> f.setMaxLength(128))))
        .containsExactly("Field 'title': max_length is 256 on the source but 128 on the target.");
    assertThat(comparator.differences(source, withField(source, "embedding", f -> f.setDim(16))))
        .containsExactly("Field 'embedding': dim is 8 on the source but 16 on the target.");
    assertThat(comparator.differences(source, withField(source, "title", f -> f.setDataType(DataType.STRING))))
        .containsExactly("Field 'title': data_type is VARCHAR on the source but STRING on the target.");
    assertThat(comparator.differences(source, withField(source, "title", f -> f.setNullable(true))))
        .containsExactly("Field 'title': nullable is false on the source but true on the target.");
    assertThat(comparator.differences(source, withField(source, "title", f -> f.setIsPartitionKey(true))))
        .containsExactly("Field 'title': is_partition_key is false on the source but true on the target.");
    assertThat(comparator.differences(source, withField(source, "title", f -> f.setIsClusteringKey(true))))
        .containsExactly("Field 'title': is_clustering_key is false on the source but true on the target.");
    assertThat(comparator.differences(source, withField(source, "title", f -> f.setDescription("name"))))
        .containsExactly("Field 'title': description is empty on the source but name on the target.");
    assertThat(comparator.differences(source, withField(source, "title",
        f -> f.setDefaultValue(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8))))))
        .containsExactly("Field 'title': default_value is unset on the source but x on the target.");
    assertThat(comparator.differences(source, withField(source, "title",
        f -> f.setTypeParams(Map.of("enable_match", "true")))))
        .containsExactly("Field 'title': type parameter 'enable_match' is unset on the source but true on the target.");
  }

  @Test
  void arrayElementAndCapacityDifferencesAreNamed() {
    CollectionSchema withTags = addField(source, field("tags", DataType.ARRAY).setElementType(DataType.INT32)
        .setMaxCapacity(4).build());
    CollectionSchema changed = withField(withTags, "tags", f -> f.setElementType(DataType.INT64).setMaxCapacity(8));

    assertThat(comparator.differences(withTags, changed)).containsExactly(
        "Field 'tags': element_type is INT32 on the source but INT64 on the target.",
        "Field 'tags': max_capacity is 4 on the source but 8 on the target.");
  }

  @Test
  void missingAndExtraFieldsAreNamed() {
    CollectionSchema target = addField(CollectionSchema.newBuilder(source).build(),
        field("year", DataType.INT32).build());
    target.setFields(target.getFields().stream().filter(f -> !f.getName().equals("title")).toList());

    assertThat(comparator.differences(source, target)).containsExactly(
        "Field 'title' exists on the source but not on the target.",
        "Field 'year' exists on the target but not on the source.");
  }

  @Test
  void targetsThatDoNotReportTheConsistencyLevelAreNotAskedForIt() {
    CollectionSchema target = CollectionSchema.newBuilder(source).setConsistencyLevel(ConsistencyLevel.STRONG).build();

    assertThat(SchemaComparator.forTarget(() -> false)
        .differences(source, target)).isEmpty();
    assertThat(SchemaComparator.forTarget(() -> true)
        .differences(source, target))
        .containsExactly("Collection: consistency_level is BOUNDED on the source but STRONG on the target.");
    assertThat(SchemaComparator.forTarget(() -> false).consistencyLevelUnreported(source, target)).isTrue();
    assertThat(SchemaComparator.forTarget(() -> false).consistencyLevelUnreported(source, source)).isFalse();
    assertThat(SchemaComparator.forTarget(() -> true).consistencyLevelUnreported(source, target)).isFalse();
  }

  @Test
  void collectionLevelDifferencesAreNamed() {
    CollectionSchema target = CollectionSchema.newBuilder(source).setShardsNum(2).setEnableDynamicField(true)
        .setConsistencyLevel(ConsistencyLevel.STRONG).setPartitions(List.of("_default"))
        .setProperties(Map.of("collection.ttl.seconds", "60")).build();

    assertThat(comparator.differences(source, target)).containsExactly(
        "Collection: enable_dynamic_field is false on the source but true on the target.",
        "Collection: shards_num is 1 on the source but 2 on the target.",
        "Collection: consistency_level is BOUNDED on the source but STRONG on the target.",
        "Collection: partitions is [_default, p1] on the source but [_default] on the target.",
        "Collection property 'collection.ttl.seconds' is unset on the source but 60 on the target.");
  }

  @Test
  void aShardCountOfZeroIsAServerThatDoesNotReportShardsNotADifference() {
    CollectionSchema unreported = CollectionSchema.newBuilder(source).setShardsNum(0).build();

    assertThat(comparator.differences(unreported, source)).isEmpty();
    assertThat(comparator.differences(source, unreported)).isEmpty();
  }

  @Test
  void functionDifferencesAreNamed() {
    FunctionSchema bm25 = FunctionSchema.newBuilder().setName("bm25").setType(FunctionType.BM25)
        .setInputFieldNames(List.of("title")).setOutputFieldNames(List.of("sparse")).build();
    CollectionSchema withFunction = CollectionSchema.newBuilder(source).setFunctions(List.of(bm25)).build();
    FunctionSchema changed = FunctionSchema.newBuilder(bm25).setParams(Map.of("k1", "1.2")).build();

    assertThat(comparator.differences(withFunction, CollectionSchema.newBuilder(source).build()))
        .containsExactly("Function 'bm25' exists on the source but not on the target.");
    assertThat(comparator.differences(withFunction,
        CollectionSchema.newBuilder(source).setFunctions(List.of(changed)).build()))
        .containsExactly("Function 'bm25': parameter 'k1' is unset on the source but 1.2 on the target.");
  }

  @Test
  void autoIdTurnedOffOnThePrimaryKeyIsIgnoredButDetected() {
    CollectionSchema autoIdSource = withField(source, "id", f -> f.setAutoId(true));

    assertThat(comparator.differences(autoIdSource, source)).isEmpty();
    assertThat(comparator.autoIdTurnedOff(autoIdSource, source)).isTrue();
    assertThat(comparator.autoIdTurnedOff(source, source)).isFalse();
  }

  @Test
  void autoIdTurnedOnOnTheTargetIsADifference() {
    assertThat(comparator.differences(source, withField(source, "id", f -> f.setAutoId(true))))
        .containsExactly("Field 'id': auto_id is false on the source but true on the target.");
  }

  @Test
  void allowInsertAutoIdPropertyAddedByTheSinkIsIgnored() {
    CollectionSchema autoIdSource = withField(source, "id", f -> f.setAutoId(true));
    CollectionSchema target = CollectionSchema.newBuilder(autoIdSource)
        .setProperties(Map.of(SchemaComparator.ALLOW_INSERT_AUTO_ID, "true")).build();

    assertThat(comparator.differences(autoIdSource, target)).isEmpty();
  }

  @Test
  void keysAreRegeneratedWhereBothSidesAreAutoIdAndTheTargetTakesNoGivenKeys() {
    CollectionSchema autoIdSource = withField(source, "id", f -> f.setAutoId(true));
    CollectionSchema keptKeys = CollectionSchema.newBuilder(autoIdSource)
        .setProperties(Map.of(SchemaComparator.ALLOW_INSERT_AUTO_ID, "true")).build();

    assertThat(comparator.keysRegenerated(autoIdSource, autoIdSource)).isTrue();
    assertThat(comparator.keysRegenerated(autoIdSource, keptKeys)).as("auto_id kept with the source's keys").isFalse();
    assertThat(comparator.keysRegenerated(autoIdSource, source)).as("auto_id turned off").isFalse();
    assertThat(comparator.keysRegenerated(source, source)).as("no auto_id").isFalse();
  }

  private static FieldSchema withId(FieldSchema f,
      long id) {
    return FieldSchema.newBuilder(f).setFieldId(id).build();
  }

  private static CollectionSchema addField(CollectionSchema schema, FieldSchema extra) {
    List<FieldSchema> fields = new ArrayList<>(schema.getFields());
    fields.add(extra);
    return CollectionSchema.newBuilder(schema).setFields(fields).build();
  }
}
