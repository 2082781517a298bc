package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.ColumnarWriter.Mode;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.testkit.milvus.Milvus22StandaloneServer;
import dev.milvusmigrate.testkit.milvus.Milvus22Standalones;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Milvus 2.2.16 has no count(*), no Upsert, and reads no vectors for output field "*": the
 * session counts by keys, reads every field and writes upserts as delete then insert. The
 * collection (3000 entities, every tenth deleted) is made with pymilvus.
 */
class AdapterMilvus22IT {

  private static final String PK = "key";

  @Test
  void countsReadsEveryFieldAndUpsertsWithoutTheMissingCalls() {
    Milvus22StandaloneServer server = Milvus22Standalones.get("adapter");
    PyMilvus.shared().run(PyMilvus.script("milvus22_collections.py"), Duration.ofMinutes(2),
        List.of("create", "--uri", server.uri(), "--collection", "counted"));
    CollectionName name = new CollectionName("default", "counted");
    try (MilvusSession session = MilvusConnector.connect(MilvusEndpoint.of(server.uri()))) {
      assertThat(session.server().version()).isEqualTo("v2.2.16-lite");
      assertThat(session.catalog().countRows(name)).isEqualTo(2700);

      Page page = session.reader().readPage(new PageRequest(name, null, PK, null, 5, List.of(), 0));
      assertThat(page.columns()).extracting(Column::getFieldName).contains(PK, "dense", "meta", "$meta");
      PrimaryKeys keys = PrimaryKeys.newBuilder().setFieldName(PK).setKeys(page.columns().stream()
          .filter(column -> column.getFieldName().equals(PK)).findFirst().orElseThrow().getValues()).build();

      session.writer().write(Mode.UPSERT, name, null, page.columns(), page.rowCount());
      session.writer().write(Mode.UPSERT, name, null, page.columns(), page.rowCount());

      assertThat(session.catalog().countRows(name)).isEqualTo(2700);
      Page again = session.reader().readByKeys(name, keys, List.of());
      assertThat(again.rowCount()).isEqualTo(5);
      assertThat(again.columns()).containsExactlyInAnyOrderElementsOf(page.columns());
    }
  }
}
