package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.capture.EndedJobSubscriptions.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which subscriptions a start of cdc-capture deletes from the source's Pulsar. */
class EndedJobSubscriptionsTest {

  private static final String DML_0 = "persistent://public/default/by-dev-rootcoord-dml_0";
  private static final String DML_1 = "persistent://public/default/by-dev-rootcoord-dml_1";
  private static final Predicate<String> DML = new PulsarSettings("pulsar://pulsar:6650", "http://pulsar:8080",
      "public", "default", Optional.empty(), Optional.empty()).dmlTopics("by-dev").asMatchPredicate();

  @Test
  void onlyTheSubscriptionsOfEndedJobsOfThisPrefixOnDmlTopicsAreDeleted() {
    Map<String, List<String>> subscriptions = Map.of(
        DML_0, List.of("mm.cdc-capture.ended", "mm.cdc-capture.live", "other.cdc-capture.ended", "milvus-reader"),
        DML_1, List.of("mm.cdc-capture.ended", "mm.cdc-capture.cancelled"),
        "persistent://public/default/by-dev-rootcoord-delta_0", List.of("mm.cdc-capture.ended"),
        "persistent://public/default/other-rootcoord-dml_0", List.of("mm.cdc-capture.ended"));

    assertThat(EndedJobSubscriptions.leftBehind(subscriptions, DML, "mm", Set.of("ended", "cancelled")))
        .containsExactlyInAnyOrder(new Subscription(DML_0, "mm.cdc-capture.ended"),
            new Subscription(DML_1, "mm.cdc-capture.ended"), new Subscription(DML_1, "mm.cdc-capture.cancelled"));
  }

  @Test
  void aJobIdIsMatchedWholeNotAsAPrefix() {
    Map<String, List<String>> subscriptions = Map.of(DML_0, List.of("mm.cdc-capture.job-10", "mm.cdc-capture.job-1"));

    assertThat(EndedJobSubscriptions.leftBehind(subscriptions, DML, "mm", Set.of("job-1")))
        .containsExactly(new Subscription(DML_0, "mm.cdc-capture.job-1"));
    assertThat(EndedJobSubscriptions.leftBehind(subscriptions, DML, "mm", Set.of())).isEmpty();
  }
}
