package dev.milvusmigrate.bench;

import dev.milvusmigrate.cli.InProcessPipeline;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.schemas.JobSpecs;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "zdm", mixinStandardHelpOptions = true,
    description = {"Zero-downtime migration under a sustained insert load between two Milvus "
        + MilvusStandaloneServer.VERSION + " servers it starts (the source's log on an in-JVM Kafka broker, or on a"
        + " Pulsar standalone with --source-log pulsar): prints"
        + " Lag Behind Source percentiles from source timestamps, capture and apply throughput, then the time from"
        + " STOP_SYNC to the job SUCCESSFUL after the writer stopped.",
        "Exit code 0 when the job ended SUCCESSFUL (whether or not the goals were met), 1 otherwise."})
public final class ZdmBenchmark implements Callable<Integer> {

  static final String DATABASE = "zdm_bench";
  /**
   * Below the test broker's 1 MB message limit (Pulsar's is 5 MB): the source logs each insert as
   * one Kafka record or Pulsar message.
   */
  static final int SEED_BATCH_BYTES = 512 * 1024;

  @Option(names = "--rate", paramLabel = "ROWS", description = "Rows inserted per second (default ${DEFAULT-VALUE}).")
  int rate = 2000;

  @Option(names = "--seconds", paramLabel = "S", description = "Duration of the measured load (default ${DEFAULT-VALUE}).")
  int seconds = 180;

  @Mixin
  ZdmSourceOptions source = new ZdmSourceOptions();

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    SyntheticCollection collection = new SyntheticCollection(source.dim);
    out.printf("Machine: %s%n", Machine.describe());
    ZdmLab.run(source.sourceLog, "zdm-bench", out, servers -> {
      collection.createSource(servers.sourceSession(), DATABASE);
      collection.seed(servers.sourceSession(), DATABASE, source.seedRows, SEED_BATCH_BYTES);
      JobId job = new JobId("zdm-bench-" + System.currentTimeMillis());
      try (InProcessPipeline pipeline = servers.pipeline(job)) {
        SyncUnderLoad.Result result = SyncUnderLoad.run(pipeline, JobSpecs.zeroDowntime(job.value(),
            IndexPolicy.AUTOINDEX, servers.source().uri(), servers.target().uri()),
            new SteadyWriter(collection, servers.sourceSession(), DATABASE, source.seedRows, source.batch), rate,
            Duration.ofSeconds(seconds), servers.cpu(), out);
        out.println();
        result.print(out, source.seedRows);
      }
    });
    return 0;
  }
}
