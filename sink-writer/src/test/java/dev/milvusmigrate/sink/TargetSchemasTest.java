package dev.milvusmigrate.sink;

import static dev.milvusmigrate.verification.TestSchemas.books;
import static dev.milvusmigrate.verification.TestSchemas.withField;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.verification.SchemaComparator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetSchemasTest {

  private final CollectionSchema autoId = withField(books("src"), "id", f -> f.setAutoId(true));

  @Test
  void newerTargetKeepsAutoIdAndAllowsInsertingKeys() {
    CollectionSchema target = TargetSchemas.forTarget(autoId, "tgt", () -> true);

    assertThat(target.getDatabase()).isEqualTo("tgt");
    assertThat(primaryKey(target).getAutoId()).isTrue();
    assertThat(target.getProperties()).containsEntry("allow_insert_auto_id", "true");
    assertThat(autoId.getProperties()).isEmpty();
  }

  @Test
  void olderTargetGetsAutoIdTurnedOff() {
    CollectionSchema target = TargetSchemas.forTarget(autoId, "tgt", () -> false);

    assertThat(primaryKey(target).getAutoId()).isFalse();
    assertThat(target.getProperties()).isEmpty();
    assertThat(new SchemaComparator().autoIdTurnedOff(autoId, target)).isTrue();
    assertThat(primaryKey(autoId).getAutoId()).as("source schema untouched").isTrue();
  }

  @Test
  void schemaWithoutAutoIdIsCopiedAsItIs() {
    CollectionSchema source = books("src");

    assertThat(TargetSchemas.forTarget(source, "src", () -> true))
        .isEqualTo(source);
    assertThat(source.getProperties()).isEqualTo(Map.of());
  }

  private static FieldSchema primaryKey(CollectionSchema schema) {
    return schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).findFirst().orElseThrow();
  }
}
