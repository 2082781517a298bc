package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import java.util.List;

/**
 * Counts a collection's entities by reading only their primary keys in key order, page by page
 * with strong consistency: for servers without {@code count(*)} (Milvus before 2.3), where the
 * collection statistics would also count deleted entities not yet compacted away.
 */
final class KeyCount {

  /** The most rows one query returns on Milvus 2.2 (offset plus limit). */
  static final int PAGE = 16_384;

  private final ColumnarReader reader;

  KeyCount(ColumnarReader reader) {
    this.reader = reader;
  }

  long count(CollectionName collection, String partition, CollectionSchema schema) {
    String pk = CollectionInfo.of(schema).primaryKeyField();
    long count = 0;
    Object after = null;
    while (true) {
      Page page = reader.readPage(new PageRequest(collection, partition, pk, after, PAGE, List.of(pk), 0));
      count += page.rowCount();
      if (page.rowCount() < PAGE) {
        return count;
      }
      after = page.lastPk();
    }
  }
}
