package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    if (change.getKind() == ProxyChangeKind.TICK) {
      context.watermarks().ticked(entry.channel().toString(), change.getTs());
    } else {
      written(change, new WalPosition(entry.channel().name(), entry.channel().partition(), entry.offset()), batch);
    }
    positions.handled(entry);
  }

  private void written(ProxyChange change, WalPosition position, CaptureBatch batch) {
    CollectionName name = new CollectionName(change.getDatabase(), change.getCollection());
    CollectionDirectory.Known known = context.directory().resolve(name).orElseThrow(() -> new JobFailure(
        "The capture-proxy recorded a write to " + name + " at " + position.topic() + " offset " + position.offset()
        + ", but the source has no such collection any more: it was dropped during the zero-downtime job, which is"
        + " not allowed; start a new job.", change.getDatabase(), change.getCollection()));
    if (!context.scope().includes(known.resolved())) {
      return;
    }
    if (announced.add(name)) {
      batch.schema(known.schema());
    }
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
