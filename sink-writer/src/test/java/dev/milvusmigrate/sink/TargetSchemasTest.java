package dev.milvusmigrate.sink;

import static dev.milvusmigrate.verification.TestSchemas.books;
import static dev.milvusmigrate.verification.TestSchemas.withField;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.verification.SchemaComparator;
import dev.milvusmigrate.verification.TestSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetSchemasTest {

  private final CollectionSchema autoId = withField(books("src"), "id", f -> f.setAutoId(true));

  @Test
  void newerTargetKeepsAutoIdAndAllowsInsertingKeys() {
    CollectionSchema target = TargetSchemas.forTarget(autoId, "tgt", AutoIdKeys.KEEP, () -> true);

    assertThat(target.getDatabase()).isEqualTo("tgt");
    assertThat(primaryKey(target).getAutoId()).isTrue();
    assertThat(target.getProperties()).containsEntry("allow_insert_auto_id", "true");
    assertThat(autoId.getProperties()).isEmpty();
  }

  @Test
  void olderTargetGetsAutoIdTurnedOff() {
    CollectionSchema target = TargetSchemas.forTarget(autoId, "tgt", AutoIdKeys.KEEP, () -> false);

    assertThat(primaryKey(target).getAutoId()).isFalse();
    assertThat(target.getProperties()).isEmpty();
    assertThat(new SchemaComparator().autoIdTurnedOff(autoId, target)).isTrue();
    assertThat(primaryKey(autoId).getAutoId()).as("source schema untouched").isTrue();
  }

  @Test
  void regeneratedKeysKeepAutoIdOnWithoutAskingTheTargetAndWithoutTakingGivenKeys() {
    CollectionSchema target = TargetSchemas.forTarget(autoId, "tgt", AutoIdKeys.REGENERATE, () -> {
      throw new AssertionError("the target's way with given keys does not matter when it generates them");
    });

    assertThat(primaryKey(target).getAutoId()).isTrue();
    assertThat(target.getProperties()).isEmpty();
    assertThat(new SchemaComparator().differences(autoId, target)).isEmpty();
    assertThat(new SchemaComparator().keysRegenerated(autoId, target)).isTrue();
  }

  @Test
  void schemaWithoutAutoIdIsCopiedAsItIs() {
    CollectionSchema source = books("src");

    assertThat(TargetSchemas.forTarget(source, "src", AutoIdKeys.KEEP, () -> true))
        .isEqualTo(source);
    assertThat(source.getProperties()).isEqualTo(Map.of());
  }

  @Test
  void anArrayOfVarcharWhoseLengthTheSourceDoesNotReportGetsTheLongest() {
    CollectionSchema source = withArray(books("src"), null);

    CollectionSchema target = TargetSchemas.forTarget(source, "src", AutoIdKeys.KEEP, () -> true);

    assertThat(field(target, "tags").getMaxLength()).isEqualTo(65_535);
    assertThat(new SchemaComparator().differences(source, target)).isEmpty();
    assertThat(new SchemaComparator().elementLengthsFilledIn(source)).containsExactly("tags");
    assertThat(TargetSchemas.forTarget(withArray(books("src"), 32), "src", AutoIdKeys.KEEP, () -> true))
        .as("a reported length is kept").isEqualTo(withArray(books("src"), 32));
  }

  private static CollectionSchema withArray(CollectionSchema schema, Integer maxLength) {
    List<FieldSchema> fields = new ArrayList<>(schema.getFields());
    fields.add(TestSchemas.field("tags", DataType.ARRAY).setElementType(DataType.VARCHAR).setMaxCapacity(8)
        .setMaxLength(maxLength).build());
    return CollectionSchema.newBuilder(schema).setFields(fields).build();
  }

  private static FieldSchema field(CollectionSchema schema, String name) {
    return schema.getFields().stream().filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
  }

  private static FieldSchema primaryKey(CollectionSchema schema) {
    return schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).findFirst().orElseThrow();
  }
}
