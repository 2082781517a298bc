package dev.milvusmigrate.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ServicePresence;
import dev.milvusmigrate.schemas.avro.ServiceWarning;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceLivenessTest {

  private static final long START = 1_800_000_000_000L;
  private static final long TIMEOUT = 30_000;
  private final ServiceLiveness liveness = new ServiceLiveness(Duration.ofMillis(TIMEOUT), "kafka:9092");

  @Test
  void aJobNoServiceHasTakenWarnsForEveryKindItNeedsOnlyAfterTheTimeout() {
    JobStatus offline = running(Facts.spec("j1", START));

    assertThat(liveness.warnings(offline, List.of(), START + TIMEOUT, START)).isEmpty();
    assertThat(liveness.warnings(offline, List.of(), START + TIMEOUT + 1, START)).containsExactly(
        new ServiceWarning("snapshot-exporter", null, START, "No snapshot-exporter has taken this job for 30 s: is"
            + " one running with access to Kafka at kafka:9092 and the source http://source:19530?"),
        new ServiceWarning("sink-writer", null, START, "No sink-writer has taken this job for 30 s: is one running"
            + " with access to Kafka at kafka:9092, the source http://source:19530 and the target"
            + " http://target:19530?"));
  }

  @Test
  void aZeroDowntimeJobNeedsACaptureToo() {
    JobStatus zdm = running(Facts.zeroDowntime("z1", START));
    List<ServicePresence> exporterAndSink = List.of(beat("snapshot-exporter", "e1", START + 40_000, "z1"),
        beat("sink-writer", "s1", START + 40_000, "z1"));

    assertThat(liveness.warnings(zdm, exporterAndSink, START + 40_000, START)).extracting(ServiceWarning::getService)
        .containsExactly("cdc-capture");
  }

  @Test
  void anInstanceThatAnnouncedTheJobWithinTheTimeoutSatisfiesItsKind() {
    JobStatus offline = running(Facts.spec("j1", START));
    List<ServicePresence> both = List.of(beat("snapshot-exporter", "e1", START + 50_000, "j1"),
        beat("sink-writer", "s-old", START + 10_000, "j1"), beat("sink-writer", "s-new", START + 50_000, "j1"));

    assertThat(liveness.warnings(offline, both, START + 60_000, START)).isEmpty();
  }

  @Test
  void theLastInstanceThatRanTheJobGoingSilentIsNamed() {
    JobStatus offline = running(Facts.spec("j1", START));
    List<ServicePresence> silentSink = List.of(beat("snapshot-exporter", "e1", START + 70_000, "j1"),
        beat("sink-writer", "s1", START + 10_000, "j1"), beat("sink-writer", "s2", START + 20_000, "j1"),
        beat("sink-writer", "s3", START + 70_000));

    assertThat(liveness.warnings(offline, silentSink, START + 70_000, START)).containsExactly(
        new ServiceWarning("sink-writer", "s2", START + 20_000, "The sink-writer that ran this job (instance s2) has"
            + " not been heard from since 2027-01-15 08:00:20Z: restart it, or start another one with access to"
            + " Kafka at kafka:9092, the source http://source:19530 and the target http://target:19530."));
  }

  @Test
  void anInstanceThatFinishedItsPartIsNotNeededAnyMoreEvenWhenSilent() {
    JobStatus offline = running(Facts.spec("j1", START));
    ServicePresence exported = beat("snapshot-exporter", "e1", START + 1_000);
    exported.setFinishedJobs(List.of("j1"));

    assertThat(liveness.warnings(offline, List.of(exported, beat("sink-writer", "s1", START + 90_000, "j1")),
        START + 90_000, START)).isEmpty();
  }

  @Test
  void silenceCountsOnlyFromWhenTheLagMonitorStartedListening() {
    JobStatus offline = running(Facts.spec("j1", START));
    List<ServicePresence> old = List.of(beat("snapshot-exporter", "e1", START, "j1"),
        beat("sink-writer", "s1", START, "j1"));
    long restarted = START + 600_000;

    assertThat(liveness.warnings(offline, old, restarted + TIMEOUT, restarted)).isEmpty();
    assertThat(liveness.warnings(offline, old, restarted + TIMEOUT + 1, restarted)).hasSize(2);
  }

  @Test
  void aJobThatIsNotRunningNeedsNothing() {
    JobStatus ended = running(Facts.spec("j1", START));
    ended.setState(JobState.SUCCESSFUL);

    assertThat(liveness.warnings(ended, List.of(), START + 600_000, START)).isEmpty();
  }

  private static JobStatus running(JobSpec spec) {
    return JobStatusFolder.fold(JobStatusFolder.initial(spec.getJobId()), new JobEvent.Submitted(spec));
  }

  static ServicePresence beat(String service, String instance, long at, String... jobs) {
    return ServicePresence.newBuilder().setService(service).setInstance(instance).setJobs(List.of(jobs))
        .setIntervalMs(10_000).setAt(at).build();
  }
}
