package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import org.junit.jupiter.api.Test;

class OpenIntentsTest {

  @Test
  void anIntentIsOpenUntilARecordNamesIt() {
    OpenIntents intents = new OpenIntents();
    intents.add(record(ProxyChangeKind.INTENT, 10, 0, 100));
    intents.add(record(ProxyChangeKind.INTENT, 11, 0, 101));
    intents.add(record(ProxyChangeKind.INTENT, 12, 0, 102));
    intents.add(record(ProxyChangeKind.INSERT, 13, 10, 103));
    intents.add(record(ProxyChangeKind.UNCHANGED, 14, 12, 104));

    assertThat(intents.open()).extracting(ProxyChange::getSequence).containsExactly(11L);
  }

  @Test
  void theNewestStampCountsTicksButTheHighestSequenceDoesNot() {
    OpenIntents intents = new OpenIntents();
    intents.add(record(ProxyChangeKind.INTENT, 20, 0, 200));
    intents.add(record(ProxyChangeKind.DELETE, 21, 20, 201));
    intents.add(record(ProxyChangeKind.TICK, 0, 0, 205));

    assertThat(intents.open()).isEmpty();
    assertThat(intents.newestTs()).isEqualTo(205);
    assertThat(intents.highestSequence()).isEqualTo(21);
  }

  @Test
  void anUnknownOutcomeSettlesItsIntent() {
    OpenIntents intents = new OpenIntents();
    intents.add(record(ProxyChangeKind.INTENT, 30, 0, 300));
    intents.add(record(ProxyChangeKind.UNKNOWN, 31, 30, 301));

    assertThat(intents.open()).isEmpty();
  }

  private static ProxyChange record(ProxyChangeKind kind, long sequence, long intent, long ts) {
    return ProxyChange.newBuilder().setSequence(sequence).setKind(kind).setDatabase("default").setCollection("c")
        .setPartition("").setRowCount(1).setSourceTs(0).setTs(ts).setIntent(intent).build();
  }
}
