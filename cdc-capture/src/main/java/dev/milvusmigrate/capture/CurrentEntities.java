package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ColumnarReader;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import java.util.List;

/**
 * The source's entities with given primary keys as they are now, partition by partition, read with
 * Strong consistency: how capture settles a write through the capture-proxy whose outcome is unknown.
 */
final class CurrentEntities {

  private final MilvusCatalog catalog;
  private final ColumnarReader reader;

  CurrentEntities(MilvusCatalog catalog, ColumnarReader reader) {
    this.catalog = catalog;
    this.reader = reader;
  }

  /** The entities of one partition; the partition is empty for a partition-key collection. */
  record InPartition(String partition, Page entities) {}

  /**
   * Every field of the entities with these keys, in the partitions that hold any; none when the
   * collection no longer exists.
   */
  List<InPartition> of(CollectionName collection, PrimaryKeys keys) {
    return catalog.describeCollection(collection).map(schema -> read(collection, schema, keys)).orElse(List.of())
        .stream().filter(found -> found.entities().rowCount() > 0).toList();
  }

  private List<InPartition> read(CollectionName collection, CollectionSchema schema, PrimaryKeys keys) {
    if (schema.getNumPartitions() != null) {
      return List.of(new InPartition("", reader.readByKeys(collection, null, keys, List.of())));
    }
    return schema.getPartitions().stream()
        .map(partition -> new InPartition(partition, reader.readByKeys(collection, partition, keys, List.of())))
        .toList();
  }
}
