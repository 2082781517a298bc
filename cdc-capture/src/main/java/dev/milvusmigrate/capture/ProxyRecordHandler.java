package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the capture-proxy's records into the records of a capture transaction: the writes to
 * collections in the job's scope become one-row mutations stamped with the proxy's timestamp (a
 * collection's schema announced before its first mutation), and the proxy's ticks advance the
 * watermark. The topic's order is the order per key the source applied the writes in
 * (docs/ARCHITECTURE.md, "Order per key"), and the mutations keep it.
 *
 * <p>Where the source applies every write to each partition holding the key, whatever partition the
 * request names ({@link dev.milvusmigrate.milvus.ServerInfo#writesReachEveryPartition()}), a delete
 * removes the keys everywhere and an upsert first removes them everywhere, as the source did.
 */
final class ProxyRecordHandler implements EntryHandler<ProxyChange> {

  private static final Logger log = LoggerFactory.getLogger(ProxyRecordHandler.class);

  private static final String EVERY_PARTITION = "";

  private final CaptureContext context;
  private final boolean writesReachEveryPartition;
  private final ReadPositions positions = new ReadPositions();
  private final Set<CollectionName> announced = new HashSet<>();
  /** The records of writes with an unknown outcome handled in the job, this run's and earlier runs'. */
  private final Set<WalPosition> unknownOutcomes = new LinkedHashSet<>();

  ProxyRecordHandler(CaptureContext context, boolean writesReachEveryPartition) {
    this.context = context;
    this.writesReachEveryPartition = writesReachEveryPartition;
  }

  @Override
  public ReadPositions positions() {
    return positions;
  }

  @Override
  public void handle(LogEntry<ProxyChange> entry, CaptureBatch batch) {
    ProxyChange change = entry.event();
    WalPosition position = new WalPosition(entry.channel().name(), entry.channel().partition(), entry.offset());
    switch (change.getKind()) {
      case TICK -> context.watermarks().ticked(entry.channel().toString(), change.getTs());
      case INSERT, UPSERT, DELETE -> inScope(change, position, batch).ifPresent(known ->
          written(change, known, position, batch));
      case UNKNOWN -> inScope(change, position, batch).ifPresent(known -> unknown(change, known, position, batch));
      default -> { } // INTENT and UNCHANGED change nothing; an UNKNOWN follows an intent whose outcome was lost
    }
    positions.handled(entry);
  }

  /** The collection of the record when the job captures it; its schema announced before its first mutation. */
  private Optional<CollectionDirectory.Known> inScope(ProxyChange change, WalPosition position, CaptureBatch batch) {
    CollectionName name = new CollectionName(change.getDatabase(), change.getCollection());
    CollectionDirectory.Known known = context.directory().resolve(name).orElseThrow(() -> new JobFailure(
        "The capture-proxy recorded a write to " + name + " at " + position.topic() + " offset " + position.offset()
        + ", but the source has no such collection any more: it was dropped during the zero-downtime job, which is"
        + " not allowed; start a new job.", change.getDatabase(), change.getCollection()));
    if (!context.scope().includes(known.resolved())) {
      return Optional.empty();
    }
    if (announced.add(name)) {
      batch.schema(known.schema());
    }
    return Optional.of(known);
  }

  /**
   * A write whose outcome the proxy could not learn: its keys get the state the source has now,
   * removed everywhere and written again where the source holds them. Later records set every
   * (key, partition) they touch last, as the source did, so the target converges
   * (docs/ARCHITECTURE.md, "Intents"). The source may still apply such a write after this read (a
   * request it held while its log was down), so the keys are read again at the fence.
   */
  private void unknown(ProxyChange change, CollectionDirectory.Known known, WalPosition position, CaptureBatch batch) {
    if (change.getPrimaryKeys() == null) {
      log.warn("Job {}: the capture-proxy lost the outcome of an insert of {} rows into the auto-id collection {}.{}"
          + " (record at {} offset {}); their keys were never seen, so if the source stored them the target lacks"
          + " them, and the job's verification fails on the count.", context.mapper().jobId(), change.getRowCount(),
          change.getDatabase(), change.getCollection(), position.topic(), position.offset());
      return;
    }
    settle(change, known.resolved(), position, batch);
    if (unknownOutcomes.add(position)) {
      batch.againAtFence(position);
    }
  }

  @Override
  public void settleAgainAtFence(Set<WalPosition> entries) {
    unknownOutcomes.addAll(entries);
  }

  /**
   * Every key of an unknown outcome of the job gets the source's state at the fence: the
   * applications' writes have stopped (or are held), so what the source holds now is final, even
   * for a write it applied after capture first read the keys.
   */
  @Override
  public void atFence(SourceLog<ProxyChange> sourceLog, long fenceTs, CaptureBatch batch) {
    for (WalPosition position : unknownOutcomes) {
      ProxyChange change = sourceLog.entryBefore(new LogChannel(position.topic(), position.partition()),
          position.offset() + 1).filter(found -> found.getKind() == ProxyChangeKind.UNKNOWN)
          .orElseThrow(() -> new JobFailure("The capture-proxy's record of a write with an unknown outcome at "
              + position.topic() + " offset " + position.offset() + " is no longer in the topic, so capture cannot"
              + " read its keys again at the stop-sync fence: keep that topic's retention longer than a job, and"
              + " start a new job.", null, null));
      inScope(change, position, batch).ifPresent(known ->
          settle(ProxyChange.newBuilder(change).setTs(fenceTs).build(), known.resolved(), position, batch));
    }
    if (!unknownOutcomes.isEmpty()) {
      log.info("Job {}: the keys of {} write(s) with an unknown outcome were read again from the source at the fence",
          context.mapper().jobId(), unknownOutcomes.size());
    }
  }

  /** The keys removed everywhere, then written where the source holds them now. */
  private void settle(ProxyChange change, ResolvedCollection target, WalPosition position, CaptureBatch batch) {
    List<Object> keys = RowKeys.of(change.getPrimaryKeys());
    publish(context.mapper().proxyDeletes(change, keys, EVERY_PARTITION, target, position), keys, batch);
    CollectionName name = new CollectionName(change.getDatabase(), change.getCollection());
    for (CurrentEntities.InPartition found : context.current().of(name, change.getPrimaryKeys())) {
      ProxyChange rows = ProxyChange.newBuilder(change).setKind(ProxyChangeKind.UPSERT)
          .setPartition(found.partition()).setPrimaryKeys(null).setColumns(found.entities().columns())
          .setRowCount(found.entities().rowCount()).build();
      publish(context.mapper().proxyRows(rows, target, position), RowKeys.of(rows.getColumns(),
          target.primaryKeyField()), batch);
    }
  }

  private void written(ProxyChange change, CollectionDirectory.Known known, WalPosition position, CaptureBatch batch) {
    String deletedFrom = writesReachEveryPartition ? EVERY_PARTITION : change.getPartition();
    if (change.getKind() == ProxyChangeKind.DELETE) {
      List<Object> keys = RowKeys.of(change.getPrimaryKeys());
      publish(context.mapper().proxyDeletes(change, keys, deletedFrom, known.resolved(), position), keys, batch);
      return;
    }
    List<Object> keys = RowKeys.of(change.getColumns(), known.resolved().primaryKeyField());
    if (change.getKind() == ProxyChangeKind.UPSERT && writesReachEveryPartition) {
      publish(context.mapper().proxyDeletes(change, keys, EVERY_PARTITION, known.resolved(), position), keys, batch);
    }
    publish(context.mapper().proxyRows(change, known.resolved(), position), keys, batch);
  }

  private static void publish(List<Mutation> mutations, List<Object> keys, CaptureBatch batch) {
    for (int row = 0; row < mutations.size(); row++) {
      batch.mutation(mutations.get(row), keys.get(row));
    }
  }
}
