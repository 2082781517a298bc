package dev.milvusmigrate.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.kafka.KafkaAccessException;
import dev.milvusmigrate.runtime.KafkaOutage.Verdict;
import java.time.Duration;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaOutageTest {

  @Test
  void kafkaAwayOrAClientLeftUnusableIsTransient() {
    assertThat(KafkaOutage.of(new TimeoutException("Timeout of 60000ms expired before the commit")))
        .isEqualTo(Verdict.TRANSIENT);
    assertThat(KafkaOutage.of(new KafkaAccessException("Cannot publish progress", new TimeoutException("t"))))
        .as("a wrapper around a timeout").isEqualTo(Verdict.TRANSIENT);
    IllegalStateException pendingCommit = new IllegalStateException("Cannot attempt operation `abortTransaction`"
        + " because the previous call to `commitTransaction` timed out and must be retried");
    pendingCommit.setStackTrace(new StackTraceElement[] {new StackTraceElement(
        "org.apache.kafka.clients.producer.internals.TransactionManager", "throwIfPendingState", null, 1)});
    assertThat(KafkaOutage.of(pendingCommit)).isEqualTo(Verdict.TRANSIENT);
  }

  @Test
  void aDeniedPermissionMeansTheJobIsWrongAndOtherErrorsAreNotKafkas() {
    KafkaException denied = new KafkaException("Cannot execute transactional method",
        new TopicAuthorizationException("Not authorized to access topics: [t]"));
    assertThat(KafkaOutage.of(denied)).isEqualTo(Verdict.JOB_IS_WRONG);
    assertThat(KafkaOutage.denial(denied)).get().isInstanceOf(TopicAuthorizationException.class);
    assertThat(KafkaOutage.of(new IllegalStateException("ours"))).isEqualTo(Verdict.NOT_KAFKA);
    assertThat(KafkaOutage.of(new IllegalArgumentException("bad", new RuntimeException()))).isEqualTo(Verdict.NOT_KAFKA);
  }

  @Test
  void backsOffUntilStoppedAndCountsAttemptsPerOutage() {
    StopSignal stop = new StopSignal();
    KafkaOutage outage = new KafkaOutage("Sink s", RetryPolicy.unlimited(Duration.ofMillis(1), Duration.ofMillis(2)),
        stop);
    assertThat(outage.backOff(new TimeoutException("1"))).isTrue();
    assertThat(outage.backOff(new TimeoutException("2"))).isTrue();
    assertThat(outage.attempts()).isEqualTo(2);
    outage.recovered();
    assertThat(outage.attempts()).as("the outage ended").isZero();
    stop.stop("job ended");
    assertThat(outage.backOff(new TimeoutException("3"))).as("no attempt after a stop").isFalse();
  }
}
