package dev.milvusmigrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of this JVM's threads grouped by name, read from {@code /proc/self/task} (Linux): unlike
 * the JMX thread beans it also sees the JIT compiler and GC threads. Names are the kernel's (15
 * characters) with digits folded, so {@code C2 CompilerThre} and {@code C1 CompilerThre} are one
 * group, as are a pool's threads. Empty where {@code /proc} is not available.
 */
final class JvmThreadCpu {

  private static final Path TASKS = Path.of("/proc/self/task");
  /** Clock ticks per second of {@code utime} and {@code stime}; 100 on Linux unless the kernel was built otherwise. */
  private static final double TICKS_PER_SECOND = 100;
  private static final int GROUPS_SHOWN = 6;
  /** The group of the C1 and C2 compiler threads. */
  static final String COMPILERS = "CN CompilerThre";

  private JvmThreadCpu() {}

  /** Ticks used so far per thread group; threads that ended are missing (their ticks are not counted). */
  static Map<String, Long> sample() {
    Map<String, Long> ticks = new HashMap<>();
    try (Stream<Path> tasks = Files.list(TASKS)) {
      tasks.forEach(task -> read(task, ticks));
    } catch (IOException e) {
      return Map.of();
    }
    return ticks;
  }

  /** e.g. {@code JIT compiler N.N, sink-writer-sin 3.1, ...}: the groups that used the most between the samples. */
  static String since(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> used = new HashMap<>();
    after.forEach((group, ticks) -> used.put(group, ticks - before.getOrDefault(group, 0L)));
    return used.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(GROUPS_SHOWN)
        .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / TICKS_PER_SECOND))
        .collect(Collectors.joining(", "));
  }

  /** CPU seconds one thread group used between the samples. */
  static double seconds(Map<String, Long> before, Map<String, Long> after, String group) {
    return (after.getOrDefault(group, 0L) - before.getOrDefault(group, 0L)) / TICKS_PER_SECOND;
  }

  private static void read(Path task, Map<String, Long> ticks) {
    try {
      String name = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "N");
      String stat = Files.readString(task.resolve("stat"));
      // Fields after the ")" that closes the name: state is field 3, utime 14 and stime 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
    } catch (IOException | RuntimeException e) {
      // The thread ended while it was read: it is left out.
    }
  }
}
