package dev.milvusmigrate.bench;

import dev.milvusmigrate.schemas.serde.AvroTrust;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/benchmark NAME [OPTIONS]}: the one entry point of the benchmarks, with their quiet logging. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    subcommands = {OfflineCopyBenchmark.class, VerifyBenchmark.class, ZdmBenchmark.class, ProxyBenchmark.class,
        CutoverBenchmark.class, KneeBenchmark.class, ScaleOutBenchmark.class},
    description = {"Runs one benchmark against real servers it starts and prints its figures (docs/BENCHMARKS.md).",
        "`bin/benchmark NAME --help` lists a benchmark's options."})
public final class Benchmarks implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-benchmark.xml");
    }
    AvroTrust.install();
    System.exit(new CommandLine(new Benchmarks()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Name a benchmark: offline, verify, zdm, knee, proxy, cutover or scale-out.");
  }
}
