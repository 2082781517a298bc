package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import java.util.HashSet;
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
   * (docs/ARCHITECTURE.md, "Intents").
   */
  private void unknown(ProxyChange change, CollectionDirectory.Known known, WalPosition position, CaptureBatch batch) {
    if (change.getPrimaryKeys() == null) {
      log.warn("Job {}: the capture-proxy lost the outcome of an insert of {} rows into the auto-id collection {}.{}"
          + " (record at {} offset {}); their keys were never seen, so if the source stored them the target lacks"
          + " them, and the job's verification fails on the count.", context.mapper().jobId(), change.getRowCount(),
          change.getDatabase(), change.getCollection(), position.topic(), position.offset());
      return;
    }
    ResolvedCollection target = known.resolved();
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
