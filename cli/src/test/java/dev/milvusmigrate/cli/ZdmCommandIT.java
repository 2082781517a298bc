package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.ExtraMilvusLite;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The checks {@code milvus-migrate zdm} makes before anything runs, against a real Kafka broker
 * and a real Milvus Lite (which has no log on Kafka): a source log that is not there is one clear
 * sentence and exit code 2, and so is a target that is the source server.
 */
@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class})
class ZdmCommandIT {

  @Test
  void aSourceWhoseLogTopicsAreNotOnTheGivenKafkaIsRefusedBeforeAnythingRuns(MilvusLiteServer lite,
      KafkaBroker kafka) {
    String collection = "zdm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    createCollection(lite.uri(), collection);

    CliRun run = CliRun.of("zdm", "--source", lite.uri(), "--target", ExtraMilvusLite.get("zdm-target").uri(),
        "--source-wal-kafka",
        kafka.bootstrapServers(), "--source-wal-prefix", "no-such-cluster");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err()).contains("has no log topics no-such-cluster-rootcoord-dml_*")
        .contains("--source-wal-kafka").doesNotContain("Exception");
  }

  @Test
  void aTargetThatIsTheSourceServerUnderAnotherNameIsRefusedBeforeAnythingRuns(MilvusLiteServer lite,
      KafkaBroker kafka) {
    String sameServer = "http://localhost:" + lite.port() + "/";

    CliRun run = CliRun.of("zdm", "--source", lite.uri(), "--target", sameServer, "--source-wal-kafka",
        kafka.bootstrapServers());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err().strip()).isEqualTo("The target http://localhost:" + lite.port() + " is the source server "
        + lite.uri() + " (the same address): nothing was written, the source is never written to; give the target"
        + " server's address with --target.");
  }

  @Test
  void aDatabaseTheSourceLacksIsRefusedBeforeAnythingRuns(MilvusLiteServer lite, KafkaBroker kafka) {
    CliRun run = CliRun.of("zdm", "--source", lite.uri(), "--target", ExtraMilvusLite.get("zdm-target").uri(),
        "--source-wal-kafka", kafka.bootstrapServers(), "--database", "no_such_database");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err().strip()).isEqualTo("Database 'no_such_database' does not exist on the source " + lite.uri()
        + ": check --database.");
  }

  @Test
  void theSourceLogOptionIsRequired(MilvusLiteServer lite) {
    CliRun run = CliRun.of("zdm", "--source", lite.uri(), "--target", lite.uri());

    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err()).contains("--source-wal-kafka");
  }

  @Test
  void captureThroughAProxyNeedsTheKafkaItRecordsIn(MilvusLiteServer lite) {
    CliRun run = CliRun.of("zdm", "--source", lite.uri(), "--target", lite.uri(), "--capture", "proxy");

    assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(run.err().strip()).isEqualTo("--capture proxy needs --kafka: the Kafka the capture-proxy records the"
        + " applications' writes in (its --kafka).");
  }

  private static void createCollection(String uri, String name) {
    MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(uri).build());
    try {
      CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
      schema.addField(AddFieldReq.builder().fieldName("id").dataType(DataType.Int64).isPrimaryKey(true).build());
      schema.addField(AddFieldReq.builder().fieldName("v").dataType(DataType.FloatVector).dimension(4).build());
      client.createCollection(CreateCollectionReq.builder().collectionName(name).collectionSchema(schema).build());
    } finally {
      client.close();
    }
  }
}
