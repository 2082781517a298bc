package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.milvus.PageRequest;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.ColumnConcatenation;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collections of the zero-downtime tests and their rows. books: id INT64 key, title VARCHAR,
 * embedding FLOAT_VECTOR(4), dynamic fields on ({@code $meta} holds the title again), partitions
 * _default and p1. authors: name VARCHAR key, title VARCHAR, embedding FLOAT_VECTOR(4). Vectors
 * are derived from key and title, so a row read back shows whether all its fields came from one
 * write.
 */
final class ZdmCollections {

  static final String BOOKS = "books";
  static final String AUTHORS = "authors";
  static final String P1 = "p1";
  private static final int DIM = 4;

  private ZdmCollections() {}

  /**
   * The schema as an exporter or capture would send it for {@code database.collection}: the
   * collection is created in {@code scratchDatabase} and described, so every attribute is the
   * server's own.
   */
  static CollectionSchema described(MilvusSession session, String scratchDatabase, String database,
      String collection) {
    session.catalog().createDatabase(scratchDatabase);
    if (session.catalog().describeCollection(new CollectionName(scratchDatabase, collection)).isEmpty()) {
      session.catalog().createCollection(scratchDatabase, collection.equals(BOOKS) ? books() : authors());
    }
    CollectionSchema schema = session.catalog().describeCollection(new CollectionName(scratchDatabase,
        collection)).orElseThrow();
    return CollectionSchema.newBuilder(schema).setDatabase(database).build();
  }

  private static CollectionSchema books() {
    return CollectionSchema.newBuilder().setDatabase("scratch").setCollection(BOOKS).setEnableDynamicField(true)
        .setFields(List.of(
            field("id", DataType.INT64).setIsPrimaryKey(true).build(),
            field("title", DataType.VARCHAR).setMaxLength(64).build(),
            field("embedding", DataType.FLOAT_VECTOR).setDim(DIM).build()))
        .setPartitions(List.of("_default", P1)).build();
  }

  private static CollectionSchema authors() {
    return CollectionSchema.newBuilder().setDatabase("scratch").setCollection(AUTHORS)
        .setFields(List.of(
            field("name", DataType.VARCHAR).setIsPrimaryKey(true).setMaxLength(32).build(),
            field("title", DataType.VARCHAR).setMaxLength(64).build(),
            field("embedding", DataType.FLOAT_VECTOR).setDim(DIM).build()))
        .setPartitions(List.of("_default")).build();
  }

  private static FieldSchema.Builder field(String name, DataType type) {
    return FieldSchema.newBuilder().setName(name).setDataType(type).setTypeParams(Map.of());
  }

  /** One books row as capture logs it: every field, {@code $meta} included. */
  static List<Column> book(long id, String title) {
    return List.of(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {id})),
        Columns.strings("title", DataType.VARCHAR, List.of(title)),
        Columns.vectors("embedding", DataType.FLOAT_VECTOR, DIM,
            VectorPacker.packFloatVectors(new float[][] {vector(id, title)}, DIM)),
        Columns.rowBytes("$meta", DataType.JSON, List.of(ByteBuffer.wrap(label(title).getBytes(StandardCharsets.UTF_8)))));
  }

  static List<Column> author(String name, String title) {
    return List.of(
        Columns.strings("name", DataType.VARCHAR, List.of(name)),
        Columns.strings("title", DataType.VARCHAR, List.of(title)),
        Columns.vectors("embedding", DataType.FLOAT_VECTOR, DIM,
            VectorPacker.packFloatVectors(new float[][] {vector(name, title)}, DIM)));
  }

  static PrimaryKeys bookKey(long id) {
    return new PrimaryKeys("id", new PackedValues(LittleEndianPacker.packLongs(new long[] {id})));
  }

  static PrimaryKeys authorKey(String name) {
    return new PrimaryKeys("name", new StringValues(List.of(name)));
  }

  /** A snapshot batch of books rows {@code id -> "snap-" + id}. */
  static EntityBatch snapshotBatch(String database, String partition, long chunk, long rowsBefore, List<Long> ids,
      long snapshotTs) {
    List<Column> columns = ColumnConcatenation.rows(ids.stream().map(id -> book(id, "snap-" + id)).toList());
    return EntityBatch.newBuilder().setJobId("exporter-it").setDatabase(database).setCollection(BOOKS)
        .setPartition(partition).setChunk(chunk).setRowCount(ids.size()).setSnapshotTs(snapshotTs)
        .setRowsBefore(rowsBefore).setColumns(columns).build();
  }

  /**
   * Every entity of a loaded collection (or of one partition, unless null) as key to title; a row
   * whose vector or {@code $meta} was not written with its title shows as a mismatch instead.
   */
  static Map<Object, String> content(MilvusSession session, String database, String collection, String partition) {
    String key = collection.equals(BOOKS) ? "id" : "name";
    Map<Object, String> titles = new LinkedHashMap<>();
    Object after = null;
    for (Page page = read(session, database, collection, partition, key, after); !page.isEmpty();
        page = read(session, database, collection, partition, key, after)) {
      titles.putAll(titles(page, key));
      after = page.lastPk();
    }
    return titles;
  }

  private static Page read(MilvusSession session, String database, String collection, String partition, String key,
      Object after) {
    return session.reader().readPage(new PageRequest(new CollectionName(database, collection), partition, key, after,
        100, List.of(), 0));
  }

  private static Map<Object, String> titles(Page page, String key) {
    Map<String, Column> byName = new LinkedHashMap<>();
    page.columns().forEach(column -> byName.put(column.getFieldName(), column));
    List<Object> keys = keys(byName.get(key));
    List<String> stored = ((StringValues) byName.get("title").getValues()).getValues();
    float[][] vectors = VectorPacker.unpackFloatVectors(((PackedValues) byName.get("embedding").getValues())
        .getData(), DIM);
    Map<Object, String> titles = new LinkedHashMap<>();
    for (int row = 0; row < keys.size(); row++) {
      String title = stored.get(row);
      boolean sameWrite = Arrays.equals(vectors[row], vector(keys.get(row), title))
          && (!byName.containsKey("$meta") || meta(byName.get("$meta"), row).equals(label(title)));
      titles.put(keys.get(row), sameWrite ? title : "mismatch: " + title);
    }
    return titles;
  }

  private static String meta(Column column, int row) {
    ByteBuffer json = ((RowBytesValues) column.getValues()).getRows().get(row).duplicate();
    return StandardCharsets.UTF_8.decode(json).toString().replace(" ", "");
  }

  private static String label(String title) {
    return "{\"label\":\"" + title + "\"}";
  }

  private static List<Object> keys(Column column) {
    if (column.getValues() instanceof PackedValues packed) {
      List<Object> keys = new ArrayList<>();
      for (long id : LittleEndianPacker.unpackLongs(packed.getData())) {
        keys.add(id);
      }
      return keys;
    }
    return new ArrayList<>(((StringValues) column.getValues()).getValues());
  }

  private static float[] vector(Object key, String title) {
    return new float[] {Math.floorMod(key.hashCode(), 1000), title.length(), Math.floorMod(title.hashCode(), 1000), 1};
  }
}
