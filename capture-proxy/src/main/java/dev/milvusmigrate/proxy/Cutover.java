package dev.milvusmigrate.proxy;

import dev.milvusmigrate.kafka.JobStatusWatch;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import io.grpc.Channel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cutover of a job through the proxy (docs/ARCHITECTURE.md, "Cutover"): hold the new writes,
 * wait until none is in flight (so every write an application was answered for is in the topic),
 * stop the sync, and on SUCCESSFUL record the switch, route everything to the target and release
 * the held writes there; otherwise, or after {@code cutover.max-hold}, record why, release them to
 * the source and stay there. The decision is taken once: a SUCCESSFUL after it changes nothing.
 * Each step is committed to the state topic before the proxy acts on it; an instance that finds a
 * cutover started and not ended holds the writes before it serves and runs it again (STOP_SYNC
 * twice is harmless), so a write never reaches the source between a fence and its outcome.
 */
final class Cutover {

  private static final Logger log = LoggerFactory.getLogger(Cutover.class);
  private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(5);
  private static final Duration STATUS_POLL = Duration.ofMillis(100);

  private final WriteGate gate;
  private final ProxyClock clock;
  private final Upstream upstream;
  private final Target target;
  private final ChangeLog changes;
  private final JobTopics jobs;
  private final String sourceId;
  private final Duration maxHold;
  private final Clock wall;
  /** Whether the cutover under way holds the writes, and since when. */
  private boolean holding;
  private Instant heldSince;

  /** The server the proxy switches to, and how it is named in records and logs; a null channel when none is set. */
  record Target(Channel channel, String label) {}

  Cutover(WriteGate gate, ProxyClock clock, Upstream upstream, Target target, ChangeLog changes, JobTopics jobs,
      String sourceId, Duration maxHold, Clock wall) {
    this.gate = gate;
    this.clock = clock;
    this.upstream = upstream;
    this.target = target;
    this.changes = changes;
    this.jobs = jobs;
    this.sourceId = sourceId;
    this.maxHold = maxHold;
    this.wall = wall;
  }

  /** Runs a cutover a CUTOVER command asked for; a job that already ended is not cut over. */
  void run(String job) {
    cutOver(job, false);
  }

  /**
   * Carries on the cutover an earlier instance started and did not end, with the writes held since
   * this instance serves: a job it already brought to SUCCESSFUL is switched to.
   */
  void resume(String job) {
    cutOver(job, true);
  }

  private void cutOver(String job, boolean resumed) {
    holding = resumed;
    heldSince = wall.instant();
    try {
      if (upstream.onTarget()) {
        log.info("Job {}: cutover ignored, the proxy for source '{}' already serves the target {}.", job, sourceId,
            target.label());
      } else if (target.channel() == null) {
        abandon(job, "the capture-proxy for source '" + sourceId + "' has no target.uri (set it to the target's"
            + " address and restart it)");
      } else {
        String why = switchOrWhyNot(job, resumed);
        if (why != null) {
          abandon(job, why + (holding ? "; the held writes went to the source, which the proxy keeps serving" : ""));
        }
      }
    } finally {
      int held = gate.waiting();
      gate.release();
      log.info("Job {}: {} held writes released to the {} after a hold of {} ms.", job, held,
          upstream.onTarget() ? "target" : "source", Duration.between(heldSince, wall.instant()).toMillis());
    }
  }

  /** Null once switched; otherwise why the proxy stays on the source. */
  private String switchOrWhyNot(String job, boolean resumed) {
    String why;
    try (JobStatusWatch watch = JobStatusWatch.open(jobs, job)) {
      why = heldUntilSuccessful(job, resumed, watch);
    } catch (RuntimeException e) {
      why = "the proxy could not follow the job on Kafka (" + e.getMessage() + ")";
    }
    return why == null ? switched(job) : why;
  }

  /** Holds the writes; null once the job ended SUCCESSFUL within the hold, otherwise why not. */
  private String heldUntilSuccessful(String job, boolean resumed, JobStatusWatch watch) {
    // read before the hold, as it costs the applications nothing; the statuses since come from next()
    JobStatus before = newest(watch.upToNow(), null);
    if (!resumed && before != null && JobStates.isFinal(before.getState())) {
      return "job " + job + " had already ended " + before.getState() + ", so the writes since its fence are not"
          + " on the target";
    }
    gate.hold();
    holding = true;
    heldSince = wall.instant();
    log.info("Job {}: cutover to {} started; the writes to source '{}' are held.", job, target.label(), sourceId);
    String why = started(job);
    return why == null ? whyNotSwitched(job, heldSince.plus(maxHold), watch, before) : why;
  }

  /** Null once the job ended SUCCESSFUL within the hold; otherwise why the proxy stays on the source. */
  private String whyNotSwitched(String job, Instant deadline, JobStatusWatch watch, JobStatus before) {
    try {
      while (!(gate.idle() && clock.idle())) {
        if (wall.instant().isAfter(deadline)) {
          return "the writes in flight did not finish within cutover.max-hold (" + maxHold.toMillis() + " ms)";
        }
        Thread.sleep(IN_FLIGHT_POLL.toMillis());
      }
      if (before == null || !JobStates.isFinal(before.getState())) {
        jobs.stopSync(job, true, "the capture-proxy for source '" + sourceId + "' (cutover)");
      }
      JobStatus status = before;
      while (true) {
        JobState state = status == null ? null : status.getState();
        if (state == JobState.SUCCESSFUL) {
          return null;
        }
        if (state != null && JobStates.isFinal(state)) {
          return "job " + job + " ended " + state + (status.getReason() == null ? "" : " (" + status.getReason() + ")");
        }
        if (wall.instant().isAfter(deadline)) {
          String why = "the job did not end SUCCESSFUL within cutover.max-hold (" + maxHold.toMillis() + " ms)";
          jobs.cancel(job, "the capture-proxy for source '" + sourceId + "', because " + why + "; the held writes went"
              + " to the source, which it keeps serving, so the target misses them");
          return why;
        }
        status = newest(watch.next(STATUS_POLL), status);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "the proxy was stopping";
    }
  }

  private static JobStatus newest(List<JobStatus> statuses, JobStatus otherwise) {
    return statuses.isEmpty() ? otherwise : statuses.get(statuses.size() - 1);
  }

  /**
   * Records that the writes are held, so that an instance starting before the outcome holds them
   * too; null once done, else why not.
   */
  private String started(String job) {
    try {
      changes.commitCutover(CutoverOutcome.started(job));
      return null;
    } catch (RuntimeException e) {
      return "the start of the cutover could not be recorded in Kafka (" + e.getMessage() + ")";
    }
  }

  /** Records the switch, then routes to the target; null once done, else why not. */
  private String switched(String job) {
    try {
      changes.commitCutover(CutoverOutcome.switched(job, target.label()));
    } catch (RuntimeException e) {
      return "the switch could not be recorded in Kafka (" + e.getMessage() + ")";
    }
    upstream.switchTo(target.channel());
    log.info("Job {}: the proxy for source '{}' serves the target {} from now on.", job, sourceId, target.label());
    return null;
  }

  private void abandon(String job, String why) {
    String sentence = "The cutover of job " + job + " was given up because " + why + ".";
    log.warn(sentence);
    try {
      changes.commitCutover(CutoverOutcome.abandoned(job, sentence));
    } catch (RuntimeException e) {
      log.warn("Job {}: the abandoned cutover could not be recorded ({}).", job, e.getMessage());
    }
  }
}
