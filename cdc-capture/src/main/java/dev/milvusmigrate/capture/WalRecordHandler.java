package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.wal.WalDecodeException;
import dev.milvusmigrate.milvus.wal.WalDelete;
import dev.milvusmigrate.milvus.wal.WalEvent;
import dev.milvusmigrate.milvus.wal.WalInsert;
import dev.milvusmigrate.milvus.wal.WalTimeTick;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.Mutation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the source's log entries into the records of a capture transaction: inserts and deletes
 * of collections in the job's scope become one-row mutations (the delete half of an upsert is
 * dropped, see {@link UpsertPairing}), a collection's schema is announced before its first
 * mutation, and time ticks advance the watermark. An insert's values are read with the schema of
 * the collection it names, once that is resolved. Tracks, per channel, the offset a restart must
 * read from.
 */
final class WalRecordHandler implements EntryHandler<WalEvent> {

  private final MutationMapper mapper;
  private final CaptureScope scope;
  private final CollectionDirectory directory;
  private final ChannelWatermarks watermarks;
  private final Map<LogChannel, UpsertPairing> pairings = new HashMap<>();
  private final ReadPositions positions = new ReadPositions();
  private final Set<Long> announced = new HashSet<>();

  WalRecordHandler(CaptureContext context) {
    this.mapper = context.mapper();
    this.scope = context.scope();
    this.directory = context.directory();
    this.watermarks = context.watermarks();
  }

  @Override
  public ReadPositions positions() {
    return positions;
  }

  @Override
  public void handle(LogEntry<WalEvent> entry, CaptureBatch batch) {
    LogChannel channel = entry.channel();
    WalPosition position = new WalPosition(channel.name(), channel.partition(), entry.offset());
    WalEvent event = entry.event();
    if (event instanceof WalInsert insert) {
      inserted(channel, insert, position, batch);
    } else if (event instanceof WalDelete delete) {
      deleted(channel, delete, position, batch);
    } else if (event instanceof WalTimeTick tick) {
      watermarks.ticked(channel.toString(), tick.timestamp());
      pairing(channel).ticked(tick.timestamp());
    }
    positions.handled(entry);
  }

  /** After everything handled, or at an unpaired insert. */
  @Override
  public long resumeOffset(LogChannel channel) {
    long next = positions.next(channel);
    return Math.min(next, pairing(channel).resumeOffset().orElse(next));
  }

  private void inserted(LogChannel channel, WalInsert insert, WalPosition position, CaptureBatch batch) {
    CollectionDirectory.Known known = resolve(insert.collectionId(), insert.collectionName(), position);
    if (!scope.includes(known.resolved())) {
      return;
    }
    List<Column> columns = columns(insert, known, position);
    List<Object> keys = RowKeys.of(columns, known.resolved().primaryKeyField());
    pairing(channel).inserted(position.offset(), insert.collectionId(), insert.timestamps().get(0), keys);
    announce(insert.collectionId(), known, batch);
    List<Mutation> mutations = mapper.inserts(insert, columns, known.resolved(), position);
    for (int row = 0; row < mutations.size(); row++) {
      batch.mutation(mutations.get(row), keys.get(row));
    }
  }

  private void deleted(LogChannel channel, WalDelete delete, WalPosition position, CaptureBatch batch) {
    CollectionDirectory.Known known = resolve(delete.collectionId(), delete.collectionName(), position);
    if (!scope.includes(known.resolved())) {
      return;
    }
    List<Object> keys = RowKeys.of(delete.keys());
    List<Mutation> mutations = mapper.deletes(delete, known.resolved(), position);
    announce(delete.collectionId(), known, batch);
    for (int row = 0; row < mutations.size(); row++) {
      if (!pairing(channel).isUpsertDelete(delete.collectionId(), delete.timestamps().get(row), keys.get(row))) {
        batch.mutation(mutations.get(row), keys.get(row));
      }
    }
  }

  private static List<Column> columns(WalInsert insert, CollectionDirectory.Known known, WalPosition position) {
    try {
      return insert.columns().read(known.schema());
    } catch (WalDecodeException e) {
      throw UnreadableRecord.notInSchema(position, known.resolved(), e);
    }
  }

  private void announce(long collectionId, CollectionDirectory.Known known, CaptureBatch batch) {
    if (announced.add(collectionId)) {
      batch.schema(known.schema());
    }
  }

  private CollectionDirectory.Known resolve(long collectionId, String loggedName, WalPosition position) {
    return directory.resolve(collectionId).orElseThrow(() -> new JobFailure("The source logged a write to"
        + " collection '" + loggedName + "' (id " + collectionId + ") at " + position.topic() + " offset "
        + position.offset() + ", but no collection with that id exists on the source any more: it was dropped"
        + " during the zero-downtime job, which is not allowed; start a new job.", null, loggedName));
  }

  private UpsertPairing pairing(LogChannel channel) {
    return pairings.computeIfAbsent(channel, c -> new UpsertPairing());
  }
}
