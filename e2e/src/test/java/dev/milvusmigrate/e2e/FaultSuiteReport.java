package dev.milvusmigrate.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The fault suite's figures: runs, faults by kind, entities lost, duplicated, resurrected and differing. */
final class FaultSuiteReport {

  private final List<FaultRunResult> results = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private final long seed;

  FaultSuiteReport(long seed) {
    this.seed = seed;
  }

  void add(FaultRunResult result) {
    results.add(result);
  }

  /** A run that could not finish (a fixture or server failure), counted as failed. */
  void error(List<Fault> faults, Fault.Phase phase, Exception e) {
    errors.add(faults + " during " + phase + ": " + e);
  }

  boolean allPassed() {
    return errors.isEmpty() && results.stream().allMatch(FaultRunResult::passed);
  }

  EntityTally total() {
    return results.stream().map(FaultRunResult::tally).reduce(EntityTally.NONE, EntityTally::plus);
  }

  /** Faults injected over all runs that finished. */
  int faultsInjected() {
    return results.stream().mapToInt(r -> r.injected().size()).sum();
  }

  String render() {
    EntityTally total = total();
    Map<Fault, Integer> byKind = new EnumMap<>(Fault.class);
    results.forEach(r -> r.injected().forEach(i -> byKind.merge(i.fault(), 1, Integer::sum)));
    StringBuilder text = new StringBuilder("Fault suite (seed ").append(seed).append("): ")
        .append(results.size() + errors.size()).append(" runs, ").append(faultsInjected()).append(" faults injected, ")
        .append(total.lost()).append(" entities lost, ").append(total.duplicated()).append(" duplicated, ")
        .append(total.resurrected()).append(" resurrected, ").append(total.differing()).append(" differing; ")
        .append(results.stream().filter(FaultRunResult::passed).count()).append(" runs passed.\n\nFaults by kind:\n");
    byKind.forEach((fault, times) -> text.append("- ").append(fault.description()).append(": ").append(times)
        .append('\n'));
    text.append("\n| run | faults | phase aimed at | injected in | job end | source entities | writes | lost | duplicated"
        + " | resurrected | differing | took |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    results.forEach(r -> text.append(r.row()).append('\n'));
    errors.forEach(e -> text.append("\nRun error: ").append(e).append('\n'));
    return text.toString();
  }

  void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, render());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the fault suite report " + file, e);
    }
  }
}
