package dev.milvusmigrate.testkit.process;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/** A process and all its descendants, snapshotted before stopping them. */
final class ProcessTree {

  private ProcessTree() {
  }

  /** Descendants first, so children are signalled before the parent that might restart them. */
  static List<ProcessHandle> of(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    return tree;
  }

  static boolean awaitExit(List<ProcessHandle> tree, Duration timeout) {
    try {
      await("process tree exit").atMost(timeout).pollInterval(Duration.ofMillis(100))
          .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }
}
