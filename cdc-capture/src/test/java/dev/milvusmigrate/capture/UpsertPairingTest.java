package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpsertPairingTest {

  private final UpsertPairing pairing = new UpsertPairing();

  @Test
  void aDeleteOfAnInsertedKeyAtTheSameTimestampIsTheUpsertsSecondHalf() {
    pairing.inserted(10, 1, 500, List.of(7L, 8L));

    assertThat(pairing.isUpsertDelete(1, 500, 7L)).isTrue();
    assertThat(pairing.isUpsertDelete(1, 500, 9L)).as("another key").isFalse();
    assertThat(pairing.isUpsertDelete(1, 501, 7L)).as("a later delete").isFalse();
    assertThat(pairing.isUpsertDelete(2, 500, 7L)).as("another collection").isFalse();
  }

  @Test
  void varcharKeysPairToo() {
    pairing.inserted(3, 1, 500, List.of("a"));

    assertThat(pairing.isUpsertDelete(1, 500, "a")).isTrue();
  }

  @Test
  void aTickPastTheInsertEndsThePairingAndMovesTheResumeOffset() {
    pairing.inserted(10, 1, 500, List.of(7L));
    pairing.inserted(12, 1, 600, List.of(8L));
    assertThat(pairing.resumeOffset()).hasValue(10);

    pairing.ticked(500);
    assertThat(pairing.resumeOffset()).as("a tick at 500 still allows messages at 500").hasValue(10);

    pairing.ticked(501);
    assertThat(pairing.isUpsertDelete(1, 500, 7L)).isFalse();
    assertThat(pairing.resumeOffset()).hasValue(12);

    pairing.ticked(700);
    assertThat(pairing.resumeOffset()).isEmpty();
  }

  @Test
  void anOlderTickReadAfterAnInsertKeepsIt() {
    pairing.inserted(10, 1, 500, List.of(7L));

    pairing.ticked(400);

    assertThat(pairing.isUpsertDelete(1, 500, 7L)).isTrue();
  }
}
