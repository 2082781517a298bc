package dev.milvusmigrate.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The runs of the fault suite and the faults each injects. {@code quick} is three runs of one fault
 * each; {@code full} is one run per kind and phase, each injecting its kind and then the next
 * {@code perRun - 1} kinds (in the order of {@link Fault}, wrapping around), 2 per run unless told;
 * {@code only} restricts the kinds (then every chosen kind runs in both phases, one fault per run
 * unless told).
 */
record FaultPlan(List<Run> runs) {

  private static final int FULL_PER_RUN = 2;

  /** One run: its faults, in order, aimed at one phase. */
  record Run(List<Fault> faults, Fault.Phase phase) {}

  /**
   * @param suite {@code quick} or {@code full}
   * @param only kinds separated by commas, or null or blank for all
   * @param perRun faults per run, or null for the default
   */
  static FaultPlan of(String suite, String only, Integer perRun) {
    if (!suite.equals("quick") && !suite.equals("full")) {
      throw new IllegalArgumentException("faults.suite must be quick or full, not " + suite);
    }
    if (perRun != null && perRun < 1) {
      throw new IllegalArgumentException("faults.per-run must be 1 or more, not " + perRun);
    }
    boolean chosen = only != null && !only.isBlank();
    if (suite.equals("quick") && !chosen) {
      return new FaultPlan(List.of(new Run(List.of(Fault.KILL_SINK), Fault.Phase.SYNC),
          new Run(List.of(Fault.KILL_EXPORTER), Fault.Phase.SNAPSHOT),
          new Run(List.of(Fault.TARGET_DOWN), Fault.Phase.SYNC)));
    }
    List<Fault> kinds = chosen ? kinds(only) : List.of(Fault.values());
    int faults = perRun != null ? perRun : chosen ? 1 : FULL_PER_RUN;
    List<Run> runs = new ArrayList<>();
    for (int k = 0; k < kinds.size(); k++) {
      for (Fault.Phase phase : Fault.Phase.values()) {
        List<Fault> run = new ArrayList<>();
        for (int f = 0; f < faults; f++) {
          run.add(kinds.get((k + f) % kinds.size()));
        }
        runs.add(new Run(run, phase));
      }
    }
    return new FaultPlan(runs);
  }

  private static List<Fault> kinds(String only) {
    return Arrays.stream(only.split(",")).map(String::trim).filter(k -> !k.isEmpty()).map(k -> {
      try {
        return Fault.valueOf(k.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("faults.only names " + k + ", which is not a fault; choose among "
            + Arrays.toString(Fault.values()), e);
      }
    }).toList();
  }

  /** Faults injected by all runs together. */
  int faults() {
    return runs.stream().mapToInt(r -> r.faults().size()).sum();
  }
}
