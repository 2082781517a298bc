package dev.milvusmigrate.verification;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ColumnarReader;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.milvus.PageRequest;
import dev.milvusmigrate.milvus.PageSizer;
import dev.milvusmigrate.schemas.avro.Column;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Streams every primary key of a collection, or of one of its partitions, in ascending order,
 * reading only the key column page by page: as of now (strong consistency), or as of a given MVCC
 * timestamp where the server can pin reads. {@link #digests} streams each key with a digest of its
 * entity's fields instead, in pages bounded by bytes; {@link #contentDigests} only a digest of the
 * fields but the key.
 */
public final class PrimaryKeyScan implements Iterator<Object> {

  public static final int PAGE_SIZE = 10_000;
  /** About the most bytes of entities read at once, by a digest scan or by a read of sampled keys. */
  static final long ENTITY_PAGE_BYTES = 8L * 1024 * 1024;
  /** Entities in the first page of a digest scan, before their width is known. */
  static final int FIRST_ENTITY_PAGE_ROWS = 100;

  private final ColumnarReader reader;
  private final CollectionName collection;
  private final String partition;
  private final String primaryKeyField;
  private final ArrayDeque<Object> buffered = new ArrayDeque<>();
  private final long asOfTs;
  private final List<String> fields;
  private final PageSizer pageSizer;
  private final Function<Page, List<Object>> items;
  private Object afterPk;
  private boolean exhausted;

  /** Every key of one partition (all when null), read with strong consistency. */
  PrimaryKeyScan(ColumnarReader reader, CollectionName collection, String partition, String primaryKeyField) {
    this(reader, collection, partition, primaryKeyField, 0L);
  }

  /** @param asOfTs the hybrid timestamp to read at, 0 for strong consistency */
  public PrimaryKeyScan(ColumnarReader reader, CollectionName collection, String partition, String primaryKeyField,
      long asOfTs) {
    this(reader, collection, partition, primaryKeyField, asOfTs, List.of(primaryKeyField),
        new PageSizer(PAGE_SIZE, Long.MAX_VALUE), page -> keys(page, primaryKeyField));
  }

  private PrimaryKeyScan(ColumnarReader reader, CollectionName collection, String partition, String primaryKeyField,
      long asOfTs, List<String> fields, PageSizer pageSizer, Function<Page, List<Object>> items) {
    this.asOfTs = asOfTs;
    this.reader = reader;
    this.collection = collection;
    this.partition = partition;
    this.primaryKeyField = primaryKeyField;
    this.fields = fields;
    this.pageSizer = pageSizer;
    this.items = items;
  }

  /** Every entity of one partition (all when null) as a {@link DigestedEntity} of {@code fields}, strongly read. */
  static PrimaryKeyScan digests(ColumnarReader reader, CollectionName collection, String partition,
      String primaryKeyField, List<String> fields) {
    return new PrimaryKeyScan(reader, collection, partition, primaryKeyField, 0L, fields,
        entityPages(PAGE_SIZE), page -> digested(page, primaryKeyField));
  }

  /**
   * Every entity of one partition (all when null) as the first 64 bits ({@link Long}) of the digest
   * of {@code fields} without the key, strongly read.
   */
  static PrimaryKeyScan contentDigests(ColumnarReader reader, CollectionName collection, String partition,
      String primaryKeyField, List<String> fields) {
    return new PrimaryKeyScan(reader, collection, partition, primaryKeyField, 0L, fields,
        entityPages(PAGE_SIZE), page -> withoutKey(page, primaryKeyField));
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
    Page page = reader.readPage(new PageRequest(collection, partition, primaryKeyField, afterPk, pageSizer.rows(),
        fields, asOfTs));
    if (page.isEmpty()) {
      exhausted = true;
      return;
    }
    pageSizer.observe(page);
    buffered.addAll(items.apply(page));
    afterPk = page.lastPk();
  }

  /** Pages of whole entities: a few at first, then as many as fit the byte budget, at most {@code maxRows}. */
  static PageSizer entityPages(int maxRows) {
    return new PageSizer(FIRST_ENTITY_PAGE_ROWS, maxRows, ENTITY_PAGE_BYTES);
  }

  private static List<Object> keys(Page page, String primaryKeyField) {
    return PrimaryKeyColumns.keys(PrimaryKeyColumns.find(page.columns(), primaryKeyField));
  }

  private static List<Object> withoutKey(Page page, String primaryKeyField) {
    List<Column> fields = page.columns().stream().filter(c -> !c.getFieldName().equals(primaryKeyField)).toList();
    return EntityDigests.of(fields, page.rowCount()).stream()
        .map(digest -> (Object) ByteBuffer.wrap(digest).getLong()).toList();
  }

  private static List<Object> digested(Page page, String primaryKeyField) {
    List<Object> keys = keys(page, primaryKeyField);
    List<byte[]> digests = EntityDigests.of(page.columns(), page.rowCount());
    List<Object> entities = new ArrayList<>(keys.size());
    for (int row = 0; row < keys.size(); row++) {
      entities.add(new DigestedEntity(keys.get(row), digests.get(row)));
    }
    return entities;
  }
}
