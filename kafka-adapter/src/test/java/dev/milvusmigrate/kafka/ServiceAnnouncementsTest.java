package dev.milvusmigrate.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.ServicePresence;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceAnnouncementsTest {

  private static final long NOW = 1_000_000L;
  private static final String SOURCE = "http://source:19530";
  private static final String TARGET = "http://target:19530";

  @Test
  void printsOneLinePerLiveInstanceWithItsAddressesAndAliases() {
    ServiceAnnouncements services = services(exporter("exporter-1@h#1", SOURCE),
        sink("sink-1@h#2", SOURCE, TARGET, List.of("http://localhost:19531")));

    assertThat(services.lines()).containsExactly("snapshot-exporter exporter-1@h#1 (source http://source:19530)",
        "sink-writer sink-1@h#2 (source http://source:19530, target http://target:19530 or http://localhost:19531)");
    assertThat(services.missing(JobMode.OFFLINE)).isEmpty();
    assertThat(services.refusal(JobMode.OFFLINE, SOURCE, TARGET, "--%s")).isEmpty();
  }

  @Test
  void anInstanceSilentForMoreThanThreeOfItsIntervalsIsNotLive() {
    ServicePresence atTheLimit = at(sink("sink-1@h#1", SOURCE, SOURCE, List.of()), NOW - 30_000);
    ServicePresence silent = at(sink("sink-2@h#2", SOURCE, SOURCE, List.of()), NOW - 30_001);
    ServicePresence ahead = at(exporter("exporter-1@h#3", SOURCE), NOW + 5_000);

    ServiceAnnouncements services = services(atTheLimit, silent, ahead);

    assertThat(services.lines()).hasSize(2).noneMatch(line -> line.contains("sink-2"));
    assertThat(services(silent).refusal(JobMode.OFFLINE, SOURCE, TARGET, "--%s")).isEmpty();
  }

  @Test
  void aSinkConfiguredForAnotherTargetRefusesNamingBothAddresses() {
    ServiceAnnouncements services = services(exporter("exporter-1@h#1", SOURCE),
        sink("sink-1@h#2", SOURCE, SOURCE, List.of()));

    assertThat(services.refusal(JobMode.OFFLINE, SOURCE, TARGET, "--%s")).contains("The sink-writer running on Kafka at"
        + " kafka:9092 (sink-1@h#2) writes to http://source:19530, not to the target http://target:19530 you named:"
        + " nothing was submitted; point the sink-writer's target.uri at the target, or give --target its address.");
  }

  @Test
  void severalInstancesNoneOfWhichTakesTheJobAreNamedTogether() {
    ServiceAnnouncements services = services(exporter("exporter-1@h#1", "http://other:19530"),
        exporter("exporter-2@h#2", "http://third:19530"));

    assertThat(services.refusal(JobMode.OFFLINE, SOURCE, TARGET, "--%s")).contains("The 2 snapshot-exporters running on"
        + " Kafka at kafka:9092 (exporter-1@h#1, exporter-2@h#2) read from http://other:19530 and"
        + " http://third:19530, not from the source http://source:19530 you named: nothing was submitted; point the"
        + " snapshot-exporter's source.uri at the source, or give --source its address.");
  }

  @Test
  void oneInstanceThatTakesTheJobIsEnoughAndTheServicesRuleNormalisesAndAcceptsAliases() {
    ServiceAnnouncements services = services(exporter("exporter-1@h#1", "http://other:19530"),
        exporter("exporter-2@h#2", "https://SOURCE"),
        sink("sink-1@h#3", SOURCE, "http://milvus-target:19530", List.of("http://127.0.0.1:19531")));

    assertThat(services.refusal(JobMode.OFFLINE, SOURCE, "http://localhost:19531", "--%s")).isEmpty();
  }

  @Test
  void aSinkForTheTargetButAnotherSourceRefusesOnTheSource() {
    ServiceAnnouncements services = services(sink("sink-1@h#1", "http://other:19530", TARGET, List.of()));

    assertThat(services.refusal(JobMode.OFFLINE, SOURCE, TARGET, "--%s")).hasValueSatisfying(reason -> assertThat(reason)
        .contains("(sink-1@h#1) reads from http://other:19530, not from the source http://source:19530 you named")
        .contains("point the sink-writer's source.uri at the source, or give --source its address."));
  }

  @Test
  void aKindWithoutALiveInstanceIsNoReasonToRefuseButIsSaid() {
    ServiceAnnouncements services = services(sink("sink-1@h#1", SOURCE, TARGET, List.of()));

    assertThat(services.refusal(JobMode.ZERO_DOWNTIME, SOURCE, TARGET, "--%s")).isEmpty();
    assertThat(services.missing(JobMode.OFFLINE)).containsExactly("No live snapshot-exporter announced itself on"
        + " Kafka at kafka:9092: submitting anyway; the job's status warns if none takes it within the lag-monitor's"
        + " lag.liveness.timeout.");
    assertThat(services.missing(JobMode.ZERO_DOWNTIME)).hasSize(2).first().asString().contains("cdc-capture");
  }

  @Test
  void aCaptureForAnotherSourceRefusesOnlyAZeroDowntimeJob() {
    ServiceAnnouncements services = services(presence("cdc-capture", "capture-1@h#1", "http://other:19530", null,
        List.of()));

    assertThat(services.refusal(JobMode.OFFLINE, SOURCE, TARGET, "--%s")).isEmpty();
    assertThat(services.refusal(JobMode.ZERO_DOWNTIME, SOURCE, TARGET, "--%s")).hasValueSatisfying(reason ->
        assertThat(reason).startsWith("The cdc-capture running on Kafka at kafka:9092 (capture-1@h#1) reads from"));
  }

  private static ServiceAnnouncements services(ServicePresence... presences) {
    return new ServiceAnnouncements("kafka:9092", List.of(presences), NOW);
  }

  private static ServicePresence exporter(String instance, String source) {
    return presence("snapshot-exporter", instance, source, null, List.of());
  }

  private static ServicePresence sink(String instance, String source, String target, List<String> targetAliases) {
    return presence("sink-writer", instance, source, target, targetAliases);
  }

  private static ServicePresence presence(String kind, String instance, String source, String target,
      List<String> targetAliases) {
    return ServicePresence.newBuilder().setService(kind).setInstance(instance).setSource(source).setTarget(target)
        .setTargetAliases(targetAliases).setJobs(List.of()).setFinishedJobs(List.of()).setIntervalMs(10_000)
        .setAt(NOW - 1_000).build();
  }

  private static ServicePresence at(ServicePresence presence, long at) {
    return ServicePresence.newBuilder(presence).setAt(at).build();
  }
}
