package dev.milvusmigrate.bench;

import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time used by this JVM (benchmark, Kafka broker and pipeline services), by the source and
 * target Milvus processes and, when the source's log is on one, by a Pulsar standalone: on a
 * 2-core machine it shows who the copy waits for.
 */
final class CpuMeter {

  /**
   * CPU time of each process (target, Pulsar null when there is none), and of this JVM's thread
   * groups, at one moment.
   */
  record Sample(long wallNanos, Duration jvm, Duration source, Duration target, Duration pulsar,
      Map<String, Long> jvmThreads) {}

  private static final Duration QUIET_WINDOW = Duration.ofSeconds(2);
  private static final double QUIET_CORES = 0.15;
  private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(120);

  private final ProcessHandle source;
  private final ProcessHandle target;
  private final ProcessHandle pulsar;

  private CpuMeter(ProcessHandle source, ProcessHandle target, ProcessHandle pulsar) {
    this.source = source;
    this.target = target;
    this.pulsar = pulsar;
  }

  /** Finds the Milvus child processes by the alias the test kit gives them ({@code mm<port>}). */
  static CpuMeter of(int sourcePort, int targetPort) {
    return new CpuMeter(child(sourcePort), child(targetPort), null);
  }

  /** Also the Pulsar standalone child process whose command line names {@code directory}, when there is one. */
  CpuMeter withPulsar(Optional<Path> directory) {
    return new CpuMeter(source, target, directory.map(d -> child(d.toString())).orElse(null));
  }

  /** This JVM and the source Milvus only, before a target runs; its figures leave the target out. */
  static CpuMeter ofSource(int sourcePort) {
    return new CpuMeter(child(sourcePort), null, null);
  }

  Sample sample() {
    return new Sample(System.nanoTime(), cpu(ProcessHandle.current()), cpu(source),
        target == null ? null : cpu(target), pulsar == null ? null : cpu(pulsar), JvmThreadCpu.sample());
  }

  /**
   * Waits until the Milvus servers are nearly idle (together under 0.15 of a core over 2 s), at
   * most 120 s: what the previous step left them doing (flushes, compaction, index builds) would
   * otherwise slow the next measurement. Returns the last window's use.
   */
  String awaitQuietServers() throws InterruptedException {
    long deadline = System.nanoTime() + QUIET_TIMEOUT.toNanos();
    long started = System.nanoTime();
    while (true) {
      long wallBefore = System.nanoTime();
      Duration before = serversCpu();
      Thread.sleep(QUIET_WINDOW.toMillis());
      double cores = seconds(before, serversCpu()) / ((System.nanoTime() - wallBefore) / 1e9);
      boolean quiet = cores < QUIET_CORES;
      if (quiet || System.nanoTime() > deadline) {
        return String.format("servers %s after %.1f s (%.2f cores busy over the last %d s)", quiet ? "quiet"
            : "still busy", (System.nanoTime() - started) / 1e9, cores, QUIET_WINDOW.toSeconds());
      }
    }
  }

  /** e.g. {@code CPU s: JVM 40.1, source 10.2, target 55.0 (1.75 of 2 cores busy)}; no target when it had none. */
  static String since(Sample before, Sample after) {
    double wall = (after.wallNanos() - before.wallNanos()) / 1e9;
    double jvm = seconds(before.jvm(), after.jvm());
    double source = seconds(before.source(), after.source());
    boolean hasTarget = before.target() != null && after.target() != null;
    double target = hasTarget ? seconds(before.target(), after.target()) : 0;
    boolean hasPulsar = before.pulsar() != null && after.pulsar() != null;
    double pulsar = hasPulsar ? seconds(before.pulsar(), after.pulsar()) : 0;
    return String.format("CPU s: JVM %.1f, source Milvus %.1f%s%s in %.1f s (%.2f of %d cores busy)", jvm, source,
        hasTarget ? String.format(", target Milvus %.1f", target) : "",
        hasPulsar ? String.format(", Pulsar %.1f", pulsar) : "", wall, (jvm + source + target + pulsar) / wall,
        Runtime.getRuntime().availableProcessors());
  }

  /** This JVM's CPU between the samples, of which its JIT compilers, for a copy of {@code bytes}. */
  static CopyCpu copy(Sample before, Sample after, long bytes) {
    return new CopyCpu(seconds(before.jvm(), after.jvm()),
        JvmThreadCpu.seconds(before.jvmThreads(), after.jvmThreads(), JvmThreadCpu.COMPILERS), bytes);
  }

  /** The JVM's thread groups that used the most CPU seconds between the samples. */
  static String jvmThreadsSince(Sample before, Sample after) {
    return "JVM threads (CPU s): " + JvmThreadCpu.since(before.jvmThreads(), after.jvmThreads());
  }

  /** Both servers' CPU time only: waiting for quiet servers needs no per-thread figures of this JVM. */
  private Duration serversCpu() {
    return target == null ? cpu(source) : cpu(source).plus(cpu(target));
  }

  private static double seconds(Duration before, Duration after) {
    return (after.toNanos() - before.toNanos()) / 1e9;
  }

  private static Duration cpu(ProcessHandle process) {
    return process == null ? Duration.ZERO : process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static ProcessHandle child(int port) {
    return child("--alias mm" + port);
  }

  private static ProcessHandle child(String commandLinePart) {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().commandLine().orElse("").contains(commandLinePart)).findFirst().orElse(null);
  }
}
