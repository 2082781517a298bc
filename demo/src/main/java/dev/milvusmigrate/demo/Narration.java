package dev.milvusmigrate.demo;

import java.io.PrintWriter;
import java.util.Locale;

/** What the demo prints: numbered step headers, and indented lines under them. */
final class Narration {

  private final PrintWriter out;
  private final int steps;
  private int step;

  Narration(PrintWriter out, int steps) {
    this.out = out;
    this.steps = steps;
  }

  PrintWriter out() {
    return out;
  }

  void step(String title) {
    out.printf(Locale.ROOT, "%n== Step %d/%d: %s%n", ++step, steps, title);
    out.flush();
  }

  void say(String format, Object... args) {
    out.println("   " + String.format(Locale.ROOT, format, args));
    out.flush();
  }

  static String seconds(long startedNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
  }
}
