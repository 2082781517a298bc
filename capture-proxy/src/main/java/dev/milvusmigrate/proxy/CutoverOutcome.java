package dev.milvusmigrate.proxy;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import java.util.Optional;

/**
 * Which server the proxy of a source serves, folded from its state topic, oldest record first: the
 * source, until a cutover switched it to the target; after that the target for good, whatever
 * follows. A cutover started and not ended (its instance died while holding the writes) is open:
 * the next instance holds the writes from its start and carries it on. Pure.
 */
final class CutoverOutcome {

  private ProxyChange switched;
  private ProxyChange last;

  /** The record of a cutover whose writes the proxy holds from now on. */
  static ProxyChange.Builder started(String job) {
    return outcome(ProxyChangeKind.CUTOVER_STARTED, job, null);
  }

  /** The record of a cutover that switched to the target named by {@code target}. */
  static ProxyChange.Builder switched(String job, String target) {
    return outcome(ProxyChangeKind.SWITCHED, job, target);
  }

  /** The record of a cutover given up, for {@code reason}; the proxy stays on the source. */
  static ProxyChange.Builder abandoned(String job, String reason) {
    return outcome(ProxyChangeKind.CUTOVER_ABANDONED, job, reason);
  }

  private static ProxyChange.Builder outcome(ProxyChangeKind kind, String job, String detail) {
    return ProxyChange.newBuilder().setSequence(0).setKind(kind).setDatabase("").setCollection("").setPartition("")
        .setRowCount(0).setSourceTs(0).setJobId(job).setDetail(detail);
  }

  void add(ProxyChange record) {
    if (record.getKind() == ProxyChangeKind.SWITCHED && switched == null) {
      switched = record;
    }
    last = record;
  }

  /** The job of a cutover started and neither switched nor abandoned, before any switch; empty otherwise. */
  Optional<String> open() {
    return switched == null && last != null && last.getKind() == ProxyChangeKind.CUTOVER_STARTED
        ? Optional.of(last.getJobId()) : Optional.empty();
  }

  /** The cutover that switched the proxy to the target; empty while it serves the source. */
  Optional<ProxyChange> switchedBy() {
    return Optional.ofNullable(switched);
  }
}
