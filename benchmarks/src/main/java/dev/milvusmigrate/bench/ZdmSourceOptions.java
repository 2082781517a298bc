package dev.milvusmigrate.bench;

import picocli.CommandLine.Option;

/** The options of the source and its writes that the zero-downtime benchmarks (zdm, knee) share. */
final class ZdmSourceOptions {

  @Option(names = "--dim", paramLabel = "D", description = "Vector dimension (default ${DEFAULT-VALUE}).")
  int dim = 128;

  @Option(names = "--batch", paramLabel = "ROWS", description = "Rows per write request (default ${DEFAULT-VALUE}).")
  int batch = 100;

  @Option(names = "--source-log", paramLabel = "QUEUE", description = "Message queue of the source Milvus's log, which"
      + " capture reads: kafka (the in-JVM broker) or pulsar (a Pulsar standalone it starts) (default ${DEFAULT-VALUE}).")
  SourceLogQueue.Kind sourceLog = SourceLogQueue.Kind.kafka;

  @Option(names = "--seed-rows", paramLabel = "N", description = "Rows in the source before the job (default ${DEFAULT-VALUE}).")
  long seedRows = 20_000;
}
