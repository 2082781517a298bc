package dev.milvusmigrate.bench;

import dev.milvusmigrate.schemas.serde.AvroTrust;
import picocli.CommandLine;

/** The {@code main} every benchmark shares: its quiet logging, Avro's trusted packages, picocli's exit code. */
final class BenchmarkLauncher {

  private BenchmarkLauncher() {}

  static void run(CommandLine command, String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-benchmark.xml");
    }
    AvroTrust.install();
    System.exit(command.execute(args));
  }
}
