package dev.milvusmigrate.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TargetRetrierTest {

  private final AtomicInteger retries = new AtomicInteger();
  private final TargetRetrier retrier = new TargetRetrier(new RetryPolicy(3, Duration.ofMillis(1),
      Duration.ofMillis(1)), new StopSignal(), retries::incrementAndGet);

  @Test
  void aCallOfNoOneCollectionRidesOutAServerThatIsBrieflyUnreachable() {
    AtomicInteger attempts = new AtomicInteger();

    List<String> listed = retrier.call("listing the job's collections on the source", () -> {
      if (attempts.incrementAndGet() < 3) {
        throw new MilvusAccessException(Kind.UNREACHABLE, "Milvus at http://source:19530 could not list databases");
      }
      return List.of("items");
    });

    assertThat(listed).containsExactly("items");
    assertThat(retries).hasValue(2);
  }

  @Test
  void aCallOfNoOneCollectionFailsTheJobNamingNoCollectionOnceItGivesUp() {
    assertThatThrownBy(() -> retrier.call("listing the job's collections on the source", () -> {
      throw new MilvusAccessException(Kind.UNREACHABLE, "Milvus at http://source:19530 could not list databases");
    })).isInstanceOf(JobFailure.class)
        .hasMessage("Gave up listing the job's collections on the source after 3 attempts: Milvus at"
            + " http://source:19530 could not list databases")
        .satisfies(e -> assertThat(((JobFailure) e).database()).isNull());
  }
}
