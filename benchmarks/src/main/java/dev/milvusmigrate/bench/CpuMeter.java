package dev.milvusmigrate.bench;

import java.time.Duration;

/**
 * CPU time used by this JVM (benchmark, Kafka broker and pipeline services) and by the source and
 * target Milvus processes: on a 2-core machine it shows who the copy waits for.
 */
final class CpuMeter {

  /** CPU time of each process at one moment. */
  record Sample(long wallNanos, Duration jvm, Duration source, Duration target) {}

  private final ProcessHandle source;
  private final ProcessHandle target;

  private CpuMeter(ProcessHandle source, ProcessHandle target) {
    this.source = source;
    this.target = target;
  }

  /** Finds the Milvus child processes by the alias the test kit gives them ({@code mm<port>}). */
  static CpuMeter of(int sourcePort, int targetPort) {
    return new CpuMeter(child(sourcePort), child(targetPort));
  }

  Sample sample() {
    return new Sample(System.nanoTime(), cpu(ProcessHandle.current()), cpu(source), cpu(target));
  }

  /** e.g. {@code CPU s: JVM 40.1, source 10.2, target 55.0 (1.75 of 2 cores busy)}. */
  static String since(Sample before, Sample after) {
    double wall = (after.wallNanos() - before.wallNanos()) / 1e9;
    double jvm = seconds(before.jvm(), after.jvm());
    double source = seconds(before.source(), after.source());
    double target = seconds(before.target(), after.target());
    return String.format("CPU s: JVM %.1f, source Milvus %.1f, target Milvus %.1f in %.1f s (%.2f of %d cores busy)",
        jvm, source, target, wall, (jvm + source + target) / wall, Runtime.getRuntime().availableProcessors());
  }

  private static double seconds(Duration before, Duration after) {
    return (after.toNanos() - before.toNanos()) / 1e9;
  }

  private static Duration cpu(ProcessHandle process) {
    return process == null ? Duration.ZERO : process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static ProcessHandle child(int port) {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("--alias mm" + port)).findFirst().orElse(null);
  }
}
