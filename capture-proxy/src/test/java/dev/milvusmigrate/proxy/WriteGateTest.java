package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteGateTest {

  private final WriteGate gate = new WriteGate();
  private final List<String> forwarded = new ArrayList<>();

  private WriteGate.Held call(String name) {
    return () -> forwarded.add(name);
  }

  @Test
  void writesAndDdlAreHeldReadsAreNot() {
    assertThat(WriteGate.holds("milvus.proto.milvus.MilvusService/Insert")).isTrue();
    assertThat(WriteGate.holds("milvus.proto.milvus.MilvusService/Upsert")).isTrue();
    assertThat(WriteGate.holds("milvus.proto.milvus.MilvusService/Delete")).isTrue();
    assertThat(WriteGate.holds("milvus.proto.milvus.MilvusService/CreateCollection")).isTrue();
    assertThat(WriteGate.holds("milvus.proto.milvus.MilvusService/DropPartition")).isTrue();
    assertThat(WriteGate.holds("milvus.proto.milvus.MilvusService/Query")).isFalse();
    assertThat(WriteGate.holds("milvus.proto.milvus.MilvusService/Search")).isFalse();
    assertThat(WriteGate.holds("milvus.proto.milvus.MilvusService/DescribeCollection")).isFalse();
  }

  @Test
  void anOpenGateLetsCallsPassAndCountsThemUntilTheyEnd() {
    assertThat(gate.admit(call("a"))).isTrue();
    assertThat(gate.admit(call("b"))).isTrue();
    assertThat(gate.idle()).isFalse();

    gate.ended();
    assertThat(gate.idle()).isFalse();
    gate.ended();
    assertThat(gate.idle()).isTrue();
    assertThat(forwarded).isEmpty();
  }

  @Test
  void heldCallsAreForwardedInArrivalOrderAndCountUntilTheyEnd() {
    gate.hold();
    assertThat(gate.admit(call("first"))).isFalse();
    assertThat(gate.admit(call("second"))).isFalse();
    assertThat(gate.admit(call("third"))).isFalse();
    assertThat(gate.idle()).isTrue();
    assertThat(gate.waiting()).isEqualTo(3);
    assertThat(forwarded).isEmpty();

    gate.release();

    assertThat(forwarded).containsExactly("first", "second", "third");
    assertThat(gate.waiting()).isZero();
    assertThat(gate.idle()).isFalse();
    assertThat(gate.admit(call("after"))).isTrue();
  }

  @Test
  void aCallArrivingWhileHeldOnesAreReleasedWaitsBehindThem() {
    gate.hold();
    gate.admit(() -> {
      forwarded.add("held");
      assertThat(gate.admit(call("meanwhile"))).isFalse();
    });

    gate.release();

    assertThat(forwarded).containsExactly("held", "meanwhile");
  }
}
