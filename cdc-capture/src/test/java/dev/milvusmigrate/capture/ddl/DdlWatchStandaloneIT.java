package dev.milvusmigrate.capture.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.milvus.MilvusServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import io.milvus.client.MilvusServiceClient;
import io.milvus.grpc.ImportResponse;
import io.milvus.param.ConnectParam;
import io.milvus.param.R;
import io.milvus.param.bulkinsert.BulkInsertParam;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.RenameCollectionReq;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DDL watch on Milvus 2.3.5 standalone, which reports collection ids and lists bulk-insert tasks. */
@ExtendWith(MilvusStandaloneExtension.class)
class DdlWatchStandaloneIT extends DdlWatchContract {

  private String uri;

  @BeforeEach
  void remember(MilvusServer server) {
    uri = server.uri();
  }

  @Override
  String dropDetail() {
    return "";
  }

  @Test
  void aRenameIsARenameCollection() {
    sdk.renameCollection(RenameCollectionReq.builder().databaseName(database).collectionName(BOOKS)
        .targetDbName(database).newCollectionName("novels").build());

    DdlViolation violation = awaitViolation();

    assertThat(violation).isEqualTo(new DdlViolation(DdlOperation.RENAME_COLLECTION, database, BOOKS, "Collection "
        + database + ".books was renamed to novels on the source during the zero-downtime job (RenameCollection is"
        + " not allowed while syncing): the job is failed; start a new job after the rename."));
  }

  /** 2.3.5 takes a rename without a target database as a move into the default database. */
  @Test
  void aRenameWithoutTargetDatabaseIsARenameIntoTheDefaultDatabase() {
    String renamed = "novels_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try {
      sdk.renameCollection(RenameCollectionReq.builder().databaseName(database).collectionName(BOOKS)
          .newCollectionName(renamed).build());

      DdlViolation violation = awaitViolation();

      assertThat(violation.operation()).isEqualTo(DdlOperation.RENAME_COLLECTION);
      assertThat(violation.sentence()).startsWith("Collection " + database + ".books was renamed to default." + renamed
          + " on the source");
    } finally {
      sdk.dropCollection(DropCollectionReq.builder().databaseName("default").collectionName(renamed).build());
    }
  }

  /** The file does not exist, so the task fails on the server: the watch reports the attempt. */
  @Test
  void aBulkInsertIsAnImport() {
    MilvusServiceClient legacy = new MilvusServiceClient(ConnectParam.newBuilder().withUri(uri).build());
    try {
      R<ImportResponse> imported = legacy.bulkInsert(BulkInsertParam.newBuilder().withDatabaseName(database)
          .withCollectionName(BOOKS).withFiles(List.of("absent/rows.json")).build());
      assertThat(imported.getStatus()).isZero();

      DdlViolation violation = awaitViolation();

      assertThat(violation).isEqualTo(new DdlViolation(DdlOperation.IMPORT, database, BOOKS, "Import (bulk insert) task "
          + imported.getData().getTasks(0) + " into collection " + database + ".books was started on the source during"
          + " the zero-downtime job (Import is not allowed while syncing): the job is failed; start a new job after the"
          + " import has finished."));
    } finally {
      legacy.close();
    }
  }
}
