package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusAccessException.Kind;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import io.milvus.v2.service.database.request.AlterDatabasePropertiesReq;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adapter contract on Milvus Lite 3.2.2: nullable fields, defaults, sparse vectors, geometry, timestamptz. */
@ExtendWith(MilvusLiteExtension.class)
class AdapterLiteIT extends AdapterContract {

  @Override
  List<FieldSchema> serverSpecificFields() {
    return List.of(
        SampleSchemas.field("rating", DataType.INT32).setNullable(true).build(),
        SampleSchemas.field("label", DataType.VARCHAR).setMaxLength(32).setNullable(true).build(),
        SampleSchemas.field("meta", DataType.JSON).setNullable(true).build(),
        SampleSchemas.field("level", DataType.INT64).setDefaultValue(5L).build(),
        SampleSchemas.field("place", DataType.GEOMETRY).build(),
        SampleSchemas.field("seen", DataType.TIMESTAMPTZ).build(),
        SampleSchemas.field("sparse", DataType.SPARSE_FLOAT_VECTOR).build());
  }

  @Override
  boolean reportsIds() {
    return false;
  }

  /** Lite keeps no descriptions and no max_length of VARCHAR array elements. */
  @Override
  CollectionSchema asStoredByServer(CollectionSchema requested) {
    CollectionSchema stored = CollectionSchema.newBuilder(requested).setDescription("").build();
    stored.setFields(requested.getFields().stream().map(field -> FieldSchema.newBuilder(field).setDescription("")
        .setMaxLength(field.getDataType() == DataType.ARRAY ? null : field.getMaxLength()).build()).toList());
    return stored;
  }

  @Test
  void reportsWhatLiteCanDo() {
    assertThat(session.server()).isEqualTo(new ServerInfo("milvus_lite-3.2.2", false, false));
  }

  /** Lite 3.2.2 keeps keys inserted into auto-id collections with allow_insert_auto_id, so auto_id stays on. */
  @Test
  void keepsKeysInsertedIntoAutoIdCollectionsAndTheProbeLeavesNothingBehind() {
    assertThat(catalog.keepsKeysInsertedIntoAutoIdCollections()).isTrue();
    assertThat(catalog.listCollections("default")).noneMatch(name -> name.startsWith("milvus_migrate_probe_"));
  }

  /** Lite 3.2.2 describes every collection as Strong, whatever it was created with, so the level is not compared. */
  @Test
  void doesNotReportConsistencyLevelsAndTheProbeLeavesNothingBehind() {
    assertThat(catalog.reportsConsistencyLevel()).isFalse();
    assertThat(catalog.listCollections("default")).noneMatch(name -> name.startsWith("milvus_migrate_probe_"));
  }

  @Test
  void aMissingCollectionHasNoAliases() {
    assertThat(catalog.listAliases(new CollectionName(database, "missing"))).isEmpty();
  }

  @Test
  void databasePropertiesAreRead() {
    assertThat(catalog.databaseProperties(database)).isEmpty();

    sdk.alterDatabaseProperties(AlterDatabasePropertiesReq.builder().databaseName(database)
        .property("database.max.collections", "7").build());

    assertThat(catalog.databaseProperties(database)).containsExactly(entry("database.max.collections", "7"));
  }

  @Test
  void bulkInsertTasksCannotBeListed() {
    assertThatThrownBy(catalog::listImportTasks)
        .isInstanceOfSatisfying(MilvusAccessException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNSUPPORTED))
        .hasMessageContaining("could not list the bulk-insert tasks (Method not implemented!)");
  }
}
