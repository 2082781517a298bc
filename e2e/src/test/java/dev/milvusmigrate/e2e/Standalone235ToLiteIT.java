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
    assertThat(run.out()).contains("Job " + database + " ended SUCCESSFUL.");
    try (MilvusData from = new MilvusData(source.uri()).use(database);
        MilvusData to = new MilvusData(target.uri()).use(database)) {
      MigratedCollection.assertDatabaseCopied(from, to, rows);
    }
  }

  /**
   * Milvus Lite 3.2.2 drops the max_length of VARCHAR array elements and does not keep the
   * num_partitions a partition-key collection is created with (it makes {@code _default} and 16
   * {@code _pk_<n>} partitions where 2.3.5 has {@code _default_0..3}). The sink creates both as the source
   * has them; verification then finds the target's schema different and the job FAILS (exit 1),
   * naming each difference, with every entity copied.
   */
  @Test
  void shapesALiteTargetCannotKeepFailVerificationNamingTheDifference(MilvusStandaloneServer source,
      MilvusLiteServer target) {
    String database = Names.unique("litelimits");
    Map<String, Integer> rows;
    try (MilvusData data = new MilvusData(source.uri())) {
      rows = SourceDatabase.createShapesLiteCannotKeep(data.database(database));
      rows.keySet().forEach(data::load);
    }

    InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains(database + ".labels: schema differs: Field 'tags': max_length is 24 on the source"
        + " but unset on the target.", database + ".by_tenant: schema differs: Collection: num_partitions is 4 on the"
        + " source but ");
    try (MilvusData from = new MilvusData(source.uri()).use(database);
        MilvusData to = new MilvusData(target.uri()).use(database)) {
      for (Map.Entry<String, Integer> collection : rows.entrySet()) {
        to.load(collection.getKey());
        new MigratedCollection(from, to, collection.getKey()).hasSameEntities(collection.getValue());
      }
    }
  }
}
