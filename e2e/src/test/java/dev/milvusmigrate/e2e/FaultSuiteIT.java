package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault suite: zero-downtime migrations with a live writer, the services as separate
 * processes, one fault per run at a random moment of the snapshot or the sync phase, and after
 * stop-sync the target compared with the source entity by entity. Entities lost, duplicated,
 * resurrected and differing must all be 0 and every job SUCCESSFUL.
 *
 * <p>{@code -Dfaults.suite=full} runs every fault in both phases (14 runs, about 40 minutes on 2
 * cores); the default, {@code quick}, runs three of them inside {@code mvn verify}.
 * {@code -Dfaults.seed=N} repeats the random moments of an earlier run. The report goes to
 * {@code target/fault-suite/report.md}; each run's service logs to {@code target/fault-suite/<run>/}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FaultSuiteIT {

  private static final Logger LOG = LoggerFactory.getLogger(FaultSuiteIT.class);

  @Test
  void noEntityIsLostDuplicatedOrResurrectedByAnyFault() throws Exception {
    long seed = Long.getLong("faults.seed", System.nanoTime());
    Random random = new Random(seed);
    FaultSuiteReport report = new FaultSuiteReport(seed);
    Path directory = Files.createDirectories(Path.of("target", "fault-suite").toAbsolutePath());
    try (FaultLab lab = FaultLab.start(directory)) {
      int number = 0;
      for (Planned planned : plan(System.getProperty("faults.suite", "quick"))) {
        number++;
        try {
          report.add(new FaultRun(lab, planned.fault(), planned.phase(), random, number).run());
        } catch (Exception e) {
          LOG.error("Run {} ({} during {}) could not finish", number, planned.fault(), planned.phase(), e);
          report.error(planned.fault(), planned.phase(), e);
        }
        LOG.info("After run {}:\n{}", number, report.render());
      }
    }
    report.write(directory.resolve("report.md"));
    System.out.println(report.render());
    assertThat(report.allPassed()).as(report.render()).isTrue();
    assertThat(report.total().sourceEntities()).as("entities compared").isPositive();
  }

  private record Planned(Fault fault, Fault.Phase phase) {}

  private static List<Planned> plan(String suite) {
    if (suite.equals("full")) {
      List<Planned> all = new ArrayList<>();
      for (Fault fault : Fault.values()) {
        for (Fault.Phase phase : Fault.Phase.values()) {
          all.add(new Planned(fault, phase));
        }
      }
      return all;
    }
    if (!suite.equals("quick")) {
      throw new IllegalArgumentException("faults.suite must be quick or full, not " + suite);
    }
    return List.of(new Planned(Fault.KILL_SINK, Fault.Phase.SYNC), new Planned(Fault.KILL_EXPORTER,
        Fault.Phase.SNAPSHOT), new Planned(Fault.TARGET_DOWN, Fault.Phase.SYNC));
  }
}
