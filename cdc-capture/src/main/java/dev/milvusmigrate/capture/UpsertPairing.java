package dev.milvusmigrate.capture;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Recognises the delete half of an upsert on one source log channel. Milvus 2.3 logs an upsert as
 * an insert of the new rows followed by a delete of the same keys at the same timestamp; a delete
 * removes only older rows, so the delete must not reach the target after the upsert (the sink
 * applies inserts as upserts already). Inserts are remembered until a time tick says no message
 * at their timestamp can follow.
 *
 * <p>Because the memory is lost on a restart, {@link #resumeOffset()} tells where to re-read the
 * channel from so that the remembered inserts are read again: re-publishing them is harmless
 * (idempotent upserts in the same per-key order), publishing an unpaired delete is not.
 */
final class UpsertPairing {

  private record InsertGroup(long timestamp, long offset, Set<String> keys) {}

  private final Deque<InsertGroup> groups = new ArrayDeque<>();

  /** An insert read at {@code offset}; all its rows share {@code timestamp} (Milvus assigns one per request). */
  void inserted(long offset, long collectionId, long timestamp, List<Object> primaryKeys) {
    Set<String> keys = new HashSet<>();
    primaryKeys.forEach(key -> keys.add(entity(collectionId, key)));
    groups.addLast(new InsertGroup(timestamp, offset, keys));
  }

  /** Whether a logged delete of the key at the timestamp is the second half of an upsert. */
  boolean isUpsertDelete(long collectionId, long timestamp, Object primaryKey) {
    String entity = entity(collectionId, primaryKey);
    return groups.stream().anyMatch(group -> group.timestamp() == timestamp && group.keys().contains(entity));
  }

  /** A time tick: no message older than {@code timestamp} follows, so older inserts need no pairing any more. */
  void ticked(long timestamp) {
    groups.removeIf(group -> group.timestamp() < timestamp);
  }

  /** Offset of the oldest insert that may still be paired, if any: a restart must read from there. */
  OptionalLong resumeOffset() {
    return groups.stream().mapToLong(InsertGroup::offset).min();
  }

  private static String entity(long collectionId, Object primaryKey) {
    return collectionId + "/" + primaryKey;
  }
}
