package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import io.milvus.client.MilvusServiceClient;
import io.milvus.grpc.ImportResponse;
import io.milvus.param.ConnectParam;
import io.milvus.param.R;
import io.milvus.param.bulkinsert.BulkInsertParam;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The adapter contract on Milvus 2.3.5 standalone: one vector field, no nullable fields. */
@ExtendWith(MilvusStandaloneExtension.class)
class AdapterStandaloneIT extends AdapterContract {

  @Override
  List<FieldSchema> serverSpecificFields() {
    return List.of(SampleSchemas.field("level", DataType.INT64).setDefaultValue(5L).build());
  }

  @Test
  void reportsWhat235CanDo() {
    assertThat(session.server()).isEqualTo(new ServerInfo("v2.3.5-lite", false, true));
  }

  /** 2.3.5 refuses keys for an auto-id field, so a migrated auto-id collection gets auto_id off to keep its keys. */
  @Test
  void doesNotKeepKeysInsertedIntoAutoIdCollectionsAndTheProbeLeavesNothingBehind() {
    assertThat(catalog.keepsKeysInsertedIntoAutoIdCollections()).isFalse();
    assertThat(catalog.listCollections("default")).noneMatch(name -> name.startsWith("milvus_migrate_probe_"));
  }

  @Test
  void reportsConsistencyLevelsAndTheProbeLeavesNothingBehind() {
    assertThat(catalog.reportsConsistencyLevel()).isTrue();
    assertThat(catalog.listCollections("default")).noneMatch(name -> name.startsWith("milvus_migrate_probe_"));
  }

  @Test
  void aliasesOfAMissingCollectionAreNotFound() {
    assertThatThrownBy(() -> catalog.listAliases(new CollectionName(database, "missing")))
        .isInstanceOfSatisfying(MilvusAccessException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
  }

  /** 2.3 has no DescribeDatabase (UNIMPLEMENTED): every database, even a missing one, reads as no properties. */
  @Test
  void databasePropertiesAreEmptyWithoutDescribeDatabase() {
    assertThat(catalog.databaseProperties(database)).isEmpty();
    assertThat(catalog.databaseProperties("no_such_db")).isEmpty();
  }

  /** The file does not exist, so the task fails on the server; it is listed all the same. */
  @Test
  void bulkInsertTasksAreListedWithTheirCollection() {
    catalog.createCollection(database, SampleSchemas.collection(database, "imported",
        List.of(SampleSchemas.primaryKey("id"), SampleSchemas.floatVector("embedding")), false));
    long collectionId = catalog.describeCollection(new CollectionName(database,
        "imported")).orElseThrow().getSourceCollectionId();
    MilvusServiceClient legacy = new MilvusServiceClient(ConnectParam.newBuilder().withUri(server.uri()).build());
    try {
      R<ImportResponse> imported = legacy.bulkInsert(BulkInsertParam.newBuilder().withDatabaseName(database)
          .withCollectionName("imported").withFiles(List.of("absent/rows.json")).build());
      assertThat(imported.getStatus()).isZero();

      assertThat(catalog.listImportTasks()).contains(new ImportTask(imported.getData().getTasks(0), collectionId));
    } finally {
      legacy.close();
    }
  }
}
