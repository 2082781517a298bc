package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Milvus 2.3.5 database with every type 2.3.5 stores (one vector field per collection, no
 * nullable fields) migrated to Milvus Lite by {@code milvus-migrate offline} with the default
 * index policy, then compared with the source entity by entity.
 */
// A pipeline that never reports an end must fail the build, not hang it.
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusStandaloneExtension.class, MilvusLiteExtension.class})
class Standalone235ToLiteIT {

  @Test
  void copiesEveryFieldTypeAndCollectionShapeExactly(MilvusStandaloneServer source, MilvusLiteServer target) {
    String database = Names.unique("from235");
    Map<String, Integer> rows;
    try (MilvusData data = new MilvusData(source.uri())) {
      rows = SourceDatabase.create(data.database(database), SourceDatabase.Features.MILVUS_2_3, 3000);
      // Loaded, as production sources are: the exporter then neither loads nor releases them (slow on 2.3.5).
      rows.keySet().forEach(data::load);
    }

    InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Job " + database + " ended SUCCESSFUL.")
        .as("the auto-id collection kept its keys, so it is verified key by key")
        .doesNotContain("The target generated new primary keys");
    try (MilvusData from = new MilvusData(source.uri()).use(database);
        MilvusData to = new MilvusData(target.uri()).use(database)) {
      MigratedCollection.assertDatabaseCopied(from, to, rows);
    }
  }

  /**
   * Milvus Lite 3.2.2 drops the max_length of VARCHAR array elements and does not keep the
   * num_partitions a partition-key collection is created with (it makes {@code _default} and 16
   * {@code _pk_<n>} partitions where 2.3.5 has {@code _default_0..3}). Preflight finds both on a
   * scratch collection of each shape and refuses the job (exit 2) naming each collection and
   * difference, before anything is written.
   */
  @Test
  void shapesALiteTargetCannotKeepAreRefusedBeforeAnythingIsWritten(MilvusStandaloneServer source,
      MilvusLiteServer target) {
    String database = Names.unique("litelimits");
    try (MilvusData data = new MilvusData(source.uri())) {
      SourceDatabase.createShapesLiteCannotKeep(data.database(database)).keySet().forEach(data::load);
    }

    InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).as(run.toString()).contains("Collections " + database + ".by_tenant (Collection:"
        + " num_partitions is 4 on the source but 17 on the target", database + ".labels (Field 'tags': max_length is"
        + " 24 on the source but unset on the target)", "cannot be held by the target", "nothing was written.");
    try (MilvusData to = new MilvusData(target.uri())) {
      assertThat(to.databases()).doesNotContain(database);
    }
  }
}
