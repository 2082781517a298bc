package dev.milvusmigrate.capture.ddl;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import io.milvus.v2.service.collection.request.RenameCollectionReq;
import io.milvus.v2.service.database.request.AlterDatabasePropertiesReq;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The DDL watch on Milvus Lite 3.2.2: no collection ids (a rename looks like a drop), database
 * properties readable and alterable, no bulk-insert tasks to list.
 */
@ExtendWith(MilvusLiteExtension.class)
class DdlWatchLiteIT extends DdlWatchContract {

  /** What the reader logs; attached before the first watch starts, emptied after each test. */
  private static final ListAppender<ILoggingEvent> readerLog = new ListAppender<>();

  @BeforeAll
  static void captureReaderLog() {
    readerLog.start();
    readerLogger().addAppender(readerLog);
  }

  @AfterEach
  void forgetReaderLog() {
    readerLog.list.clear();
  }

  @AfterAll
  static void releaseReaderLog() {
    readerLogger().detachAppender(readerLog);
  }

  private static Logger readerLogger() {
    return (Logger) LoggerFactory.getLogger(SourceCatalogReader.class);
  }

  @Override
  String dropDetail() {
    return " or renamed (the server reports no collection ids)";
  }

  @Test
  void withoutCollectionIdsARenameIsADropCollection() {
    sdk.renameCollection(RenameCollectionReq.builder().databaseName(database).collectionName(BOOKS)
        .newCollectionName("novels").build());

    DdlViolation violation = awaitViolation();

    assertThat(violation.operation()).isEqualTo(DdlOperation.DROP_COLLECTION);
    assertThat(violation.sentence()).startsWith("Collection " + database + ".books was dropped or renamed");
  }

  @Test
  void anAlteredDatabaseIsAnAlterDatabase() {
    sdk.alterDatabaseProperties(AlterDatabasePropertiesReq.builder().databaseName(database)
        .property("database.max.collections", "7").build());

    DdlViolation violation = awaitViolation();

    assertThat(violation).isEqualTo(new DdlViolation(DdlOperation.ALTER_DATABASE, database, null, "Database "
        + database + " was altered (database.max.collections: (unset) -> 7) on the source during the zero-downtime"
        + " job (AlterDatabase is not allowed while syncing): the job is failed; start a new job after the change."));
  }

  @Test
  void importsCannotBeDetectedAndTheWatchSaysSoOnce() {
    awaitTwoMorePolls();

    assertThat(watcher.latestView().orElseThrow().importTasks()).isEmpty();
    assertThat(readerLog.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
        .startsWith("An Import (bulk insert) on the source cannot be detected during zero-downtime jobs")
        .contains("could not list the bulk-insert tasks (Method not implemented!)");
    assertThat(reported).isEmpty();
  }
}
