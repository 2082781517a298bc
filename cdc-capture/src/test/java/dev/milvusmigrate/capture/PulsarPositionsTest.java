package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.domain.JobFailure;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.impl.BatchMessageIdImpl;
import org.apache.pulsar.client.impl.MessageIdImpl;
import org.junit.jupiter.api.Test;

/** Pulsar message ids as capture's offsets: ordered, the next entry one more, the way back exact. */
class PulsarPositionsTest {

  private static final String TOPIC = "persistent://public/default/by-dev-rootcoord-dml_0";

  @Test
  void offsetsGrowWithLedgerThenEntryAndTurnBackIntoTheSameMessageId() {
    long first = PulsarPositions.offset(TOPIC, new MessageIdImpl(7, 41, -1));
    long next = PulsarPositions.offset(TOPIC, new MessageIdImpl(7, 42, -1));
    long laterLedger = PulsarPositions.offset(TOPIC, new MessageIdImpl(8, 0, -1));

    assertThat(next).isEqualTo(first + 1);
    assertThat(laterLedger).isGreaterThan(next);
    assertThat(PulsarPositions.messageId(next)).isEqualTo(new MessageIdImpl(7, 42, -1));
    assertThat(PulsarPositions.before(next)).isEqualTo(new MessageIdImpl(7, 41, -1));
  }

  @Test
  void theBeginningIsTheEarliestMessageAndHasNothingBeforeIt() {
    assertThat(PulsarPositions.messageId(PulsarPositions.BEGINNING)).isEqualTo(MessageId.earliest);
    assertThat(PulsarPositions.before(PulsarPositions.BEGINNING)).isNull();
    assertThat(PulsarPositions.before(PulsarPositions.offset(TOPIC, 9, 0))).isNull();
  }

  @Test
  void aBatchedMessageOrAnIdBeyondTheEncodingFailsTheJobNamingTheTopic() {
    assertThatThrownBy(() -> PulsarPositions.offset(TOPIC, new BatchMessageIdImpl(7, 1, -1, 0, 5, null)))
        .isInstanceOf(JobFailure.class).hasMessageContaining(TOPIC).hasMessageContaining("batched");
    assertThatThrownBy(() -> PulsarPositions.offset(TOPIC, 1L << 32, 0))
        .isInstanceOf(JobFailure.class).hasMessageContaining(TOPIC);
  }
}
