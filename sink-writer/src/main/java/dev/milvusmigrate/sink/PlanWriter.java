package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ColumnarWriter;
import dev.milvusmigrate.milvus.ColumnarWriter.Mode;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.sink.ApplyPlan.Rows;
import dev.milvusmigrate.sink.ApplyPlan.WriteTarget;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes an {@link ApplyPlan} to the target: every deletion by primary key first, then the upserts
 * (a captured insert too, so that a replay changes nothing). Makes a missing partition first. Every call is retried; returns once the target acknowledged all of them.
 */
final class PlanWriter {

  private final ColumnarWriter writer;
  private final TargetPartitions partitions;
  private final TargetRetrier retrier;
  private final JobTargets targets;

  PlanWriter(ColumnarWriter writer, TargetPartitions partitions, TargetRetrier retrier, JobTargets targets) {
    this.writer = writer;
    this.partitions = partitions;
    this.retrier = retrier;
    this.targets = targets;
  }

  void write(ApplyPlan plan) {
    for (Map.Entry<WriteTarget, PrimaryKeys> deletion : plan.deletions().entrySet()) {
      WriteTarget target = deletion.getKey();
      write("deleting keys from " + where(target), target, collection -> writer.delete(collection,
          target.partition(), deletion.getValue()));
    }
    for (Map.Entry<WriteTarget, Rows> upsert : plan.upserts().entrySet()) {
      WriteTarget target = upsert.getKey();
      Rows rows = upsert.getValue();
      write("upserting " + rows.count() + " entities into " + where(target), target, collection -> writer.write(
          Mode.UPSERT, collection, target.partition(), rows.columns(), rows.count()));
    }
  }

  /** @param call writes to the target collection it is given */
  private void write(String what, WriteTarget target, Consumer<CollectionName> call) {
    CollectionName collection = targets.target(target.name());
    retrier.run(what, target.name(), () -> {
      partitions.ensure(target.name(), collection.database(), target.partition());
      call.accept(collection);
    });
  }

  private static String where(WriteTarget target) {
    String collection = target.name().qualified();
    return target.partition() == null ? collection : collection + " partition " + target.partition();
  }
}
