package dev.milvusmigrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on: CPUs, memory and the load other work puts on the machine. */
final class Machine {

  private Machine() {}

  static String describe() {
    return Runtime.getRuntime().availableProcessors() + " CPUs, " + memTotal() + ", load " + load();
  }

  /** The 1, 5 and 15 minute load averages, or "unknown" off Linux. */
  static String load() {
    String loadavg = read("/proc/loadavg");
    if (loadavg.isEmpty()) {
      return "unknown";
    }
    String[] parts = loadavg.trim().split("\\s+");
    return parts[0] + " " + parts[1] + " " + parts[2];
  }

  private static String memTotal() {
    return read("/proc/meminfo").lines().filter(line -> line.startsWith("MemTotal:"))
        .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024 + " GiB memory")
        .findFirst().orElse("unknown memory");
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "";
    }
  }
}
