package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import java.util.List;

/** Columnar reads with the raw query RPC: no per-row maps, no boxing of vector values. */
public interface ColumnarReader {

  /**
   * The next page of rows in ascending primary-key order: rows with pk greater than {@code
   * request.afterPk()} (all rows when null), at most {@code limit}. An empty page means the end.
   */
  Page readPage(PageRequest request);

  /** The entities with the given primary keys (order unspecified), with the given output fields. */
  default Page readByKeys(CollectionName collection, PrimaryKeys keys, List<String> outputFields) {
    return readByKeys(collection, null, keys, outputFields);
  }

  /** As {@link #readByKeys(CollectionName, PrimaryKeys, List)}, in one partition only, or all when null. */
  default Page readByKeys(CollectionName collection, String partition, PrimaryKeys keys, List<String> outputFields) {
    return readByKeys(collection, partition, keys, outputFields, 0);
  }

  /**
   * As {@link #readByKeys(CollectionName, String, PrimaryKeys, List)}, once the server holds every
   * write up to {@code snapshotTs} (as {@link PageRequest#snapshotTs()}); a strong read when 0.
   */
  Page readByKeys(CollectionName collection, String partition, PrimaryKeys keys, List<String> outputFields,
      long snapshotTs);
}
