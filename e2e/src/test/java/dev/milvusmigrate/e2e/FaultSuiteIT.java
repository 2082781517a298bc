package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault suite: zero-downtime migrations with a live writer, the services as separate
 * processes, faults injected at random moments of the snapshot or the sync phase, and after
 * stop-sync the target compared with the source entity by entity. Entities lost, duplicated,
 * resurrected and differing must all be 0 and every job SUCCESSFUL.
 *
 * <p>{@code -Dfaults.suite=full} runs every kind in both phases, two faults per run
 * ({@link FaultPlan}); the default, {@code quick}, runs three runs of one fault inside
 * {@code mvn verify}. {@code -Dfaults.only=KIND[,KIND]} runs only those kinds, in both phases;
 * {@code -Dfaults.per-run=N} sets the faults per run.
 * {@code -Dfaults.seed=N} repeats the random moments of an earlier run. {@code -Dfaults.source-log=pulsar}
 * puts the source's log on a Pulsar standalone instead of a Kafka broker (not with CAPTURE_CUT_OFF or CAPTURE_LOSSY);
 * each run then also checks that capture left no subscription on the source's Pulsar. The report goes to
 * {@code target/fault-suite/report.md}; each run's service logs to {@code target/fault-suite/<run>/}.
 */
class FaultSuiteIT {

  private static final Logger LOG = LoggerFactory.getLogger(FaultSuiteIT.class);

  @Test
  void noEntityIsLostDuplicatedOrResurrectedByAnyFault() throws Exception {
    long seed = Long.getLong("faults.seed", System.nanoTime());
    Random random = new Random(seed);
    FaultPlan plan = FaultPlan.of(System.getProperty("faults.suite", "quick"), System.getProperty("faults.only"),
        Integer.getInteger("faults.per-run"));
    LOG.info("Fault suite: {} runs, {} faults", plan.runs().size(), plan.faults());
    FaultSuiteReport report = new FaultSuiteReport(seed);
    Path directory = Files.createDirectories(Path.of("target", "fault-suite").toAbsolutePath());
    FaultLab.SourceLog sourceLog = FaultLab.SourceLog.fromProperty();
    LOG.info("Fault suite: the source's log on {}", sourceLog);
    try (FaultLab lab = FaultLab.start(directory, sourceLog)) {
      int number = 0;
      for (FaultPlan.Run planned : plan.runs()) {
        number++;
        try {
          report.add(new FaultRun(lab, planned.faults(), planned.phase(), random, number).run());
        } catch (Exception e) {
          LOG.error("Run {} ({} during {}) could not finish", number, planned.faults(), planned.phase(), e);
          report.error(planned.faults(), planned.phase(), e);
        }
        LOG.info("After run {}:\n{}", number, report.render());
      }
    }
    report.write(directory.resolve("report.md"));
    System.out.println(report.render());
    assertThat(report.allPassed()).as(report.render()).isTrue();
    assertThat(report.total().sourceEntities()).as("entities compared").isPositive();
    assertThat(report.faultsInjected()).as("faults injected").isEqualTo(plan.faults());
  }

}
