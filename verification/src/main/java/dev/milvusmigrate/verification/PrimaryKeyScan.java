package dev.milvusmigrate.verification;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ColumnarReader;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.milvus.PageRequest;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams every primary key of a collection, or of one of its partitions, in ascending order,
 * reading only the key column page by page: as of now (strong consistency), or as of a given MVCC
 * timestamp where the server can pin reads.
 */
public final class PrimaryKeyScan implements Iterator<Object> {

  public static final int PAGE_SIZE = 10_000;

  private final ColumnarReader reader;
  private final CollectionName collection;
  private final String partition;
  private final String primaryKeyField;
  private final ArrayDeque<Object> buffered = new ArrayDeque<>();
  private final long asOfTs;
  private Object afterPk;
  private boolean exhausted;

  /** Every key of one partition (all when null), read with strong consistency. */
  PrimaryKeyScan(ColumnarReader reader, CollectionName collection, String partition, String primaryKeyField) {
    this(reader, collection, partition, primaryKeyField, 0L);
  }

  /** @param asOfTs the hybrid timestamp to read at, 0 for strong consistency */
  public PrimaryKeyScan(ColumnarReader reader, CollectionName collection, String partition, String primaryKeyField,
      long asOfTs) {
    this.asOfTs = asOfTs;
    this.reader = reader;
    this.collection = collection;
    this.partition = partition;
    this.primaryKeyField = primaryKeyField;
  }

  @Override
  public boolean hasNext() {
    if (buffered.isEmpty() && !exhausted) {
      readPage();
    }
    return !buffered.isEmpty();
  }

  @Override
  public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffered.removeFirst();
  }

  private void readPage() {
    Page page = reader.readPage(new PageRequest(collection, partition, primaryKeyField, afterPk, PAGE_SIZE,
        List.of(primaryKeyField), asOfTs));
    if (page.isEmpty()) {
      exhausted = true;
      return;
    }
    buffered.addAll(PrimaryKeyColumns.keys(PrimaryKeyColumns.find(page.columns(), primaryKeyField)));
    afterPk = page.lastPk();
  }
}
