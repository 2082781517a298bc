package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedWriteDecoder;
import java.util.ArrayDeque;
import java.util.Set;

/**
 * Holds the applications' writes during a cutover (docs/ARCHITECTURE.md, "Cutover"): while it
 * holds, every call of a write or DDL method waits in arrival order instead of being forwarded;
 * {@link #release} forwards them in that order, each on the route the proxy serves then. It also
 * counts the writes that passed it and have not ended, so the cutover knows when none is left.
 */
final class WriteGate {

  /** The methods that change what a Milvus holds: the writes and the DDL. */
  private static final Set<String> DDL = Set.of("CreateCollection", "DropCollection", "AlterCollection",
      "AlterCollectionField", "RenameCollection", "CreatePartition", "DropPartition", "CreateIndex", "DropIndex",
      "AlterIndex", "CreateAlias", "DropAlias", "AlterAlias", "CreateDatabase", "DropDatabase", "AlterDatabase",
      "AddCollectionField");

  /** A call waiting at the gate; {@link #release} forwards it. */
  interface Held {
    void release();
  }

  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private boolean holding;
  private int passed;

  /** Whether the gate holds calls of this method (full gRPC name) during a cutover. */
  static boolean holds(String fullMethodName) {
    return AcknowledgedWriteDecoder.isWrite(fullMethodName)
        || DDL.contains(fullMethodName.substring(fullMethodName.lastIndexOf('/') + 1));
  }

  /**
   * Lets the call pass, to be forwarded now (it then counts until {@link #ended}), or holds it.
   *
   * @return whether it passed
   */
  synchronized boolean admit(Held call) {
    if (holding) {
      held.add(call);
      return false;
    }
    passed++;
    return true;
  }

  /** A call that passed ended: the application has its answer. */
  synchronized void ended() {
    passed--;
  }

  /** From now on, writes wait. */
  synchronized void hold() {
    holding = true;
  }

  /** Whether no write that passed is still under way. */
  synchronized boolean idle() {
    return passed == 0;
  }

  /** How many calls wait. */
  synchronized int waiting() {
    return held.size();
  }

  /**
   * Forwards the held calls one after the other in arrival order (a call arriving meanwhile waits
   * behind them), then lets calls pass again.
   */
  void release() {
    while (true) {
      Held next;
      synchronized (this) {
        next = held.poll();
        if (next == null) {
          holding = false;
          return;
        }
        passed++;
      }
      next.release();
    }
  }
}
