package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the target cannot hold, refused before anything is written: partition-key collections that
 * an application created with pymilvus on Milvus 2.3.5 with 64 and 32 partitions, into Milvus Lite
 * 3.2.2, which makes 17 of every partition-key collection (the job would otherwise write every
 * entity and then fail verification, leaving a collection a new attempt could not fix); and a
 * vector of 40,000 dimensions, which Milvus Lite stores and Milvus 2.3.5 refuses.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusStandaloneExtension.class, MilvusLiteExtension.class})
class TargetLimitsIT {

  private static final Duration CALL = Duration.ofMinutes(3);

  private final PyMilvus python = PyMilvus.shared();
  private final Path script = PyMilvus.script("aliases.py");

  @Test
  void partitionCountsTheTargetCannotHoldAreRefusedNamingEveryCollection(MilvusStandaloneServer source,
      MilvusLiteServer target) {
    String database = Names.unique("tenants");
    python.run(script, CALL, "partition-key", "--uri", source.uri(), "--db", database, "--name", "by_tenant",
        "--partitions", "64");
    python.run(script, CALL, "partition-key", "--uri", source.uri(), "--db", database, "--name", "by_region",
        "--partitions", "32");
    try {
      InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err().strip()).as(run.toString()).isEqualTo("Collections " + database + ".by_region (Collection:"
          + " num_partitions is 32 on the source but 17 on the target), " + database + ".by_tenant (Collection:"
          + " num_partitions is 64 on the source but 17 on the target) cannot be held by the target "
          + MilvusEndpoint.of(target.uri()).label() + " as the source has them: leave them out with --collections or"
          + " migrate to a target server that can hold them; nothing was written.");
      try (MilvusData data = new MilvusData(target.uri())) {
        assertThat(data.databases()).doesNotContain(database);
        assertThat(data.collections()).noneMatch(name -> name.startsWith("milvus_migrate_probe_"));
      }
    } finally {
      // The source server is shared by this JVM's tests, and a zero-downtime job reads every database.
      python.run(script, CALL, "drop", "--uri", source.uri(), "--db", database);
    }
  }

  @Test
  void aDimensionTheTargetRefusesIsRefusedWithTheTargetsReason(MilvusLiteServer source,
      MilvusStandaloneServer target) {
    String database = Names.unique("wide");
    python.run(script, CALL, "wide", "--uri", source.uri(), "--db", database, "--name", "embeddings", "--dim", "40000");

    InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip()).as(run.toString())
        .startsWith("Collection " + database + ".embeddings (the target refuses it: ").contains("32768")
        .endsWith(") cannot be held by the target " + MilvusEndpoint.of(target.uri()).label() + " as the source has"
            + " it: leave it out with --collections or migrate to a target server that can hold it; nothing was"
            + " written.");
    try (MilvusData data = new MilvusData(target.uri())) {
      assertThat(data.databases()).doesNotContain(database);
      assertThat(data.collections()).noneMatch(name -> name.startsWith("milvus_migrate_probe_"));
    }
  }
}
