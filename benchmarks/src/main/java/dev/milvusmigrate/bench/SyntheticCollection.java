package dev.milvusmigrate.bench;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ColumnarWriter;
import dev.milvusmigrate.milvus.IndexSpec;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.ConsistencyLevel;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A collection of (id, category, embedding) rows with random vectors, written column-based, named
 * {@value #COLLECTION} unless given another name.
 */
final class SyntheticCollection {

  static final String COLLECTION = "vectors";
  static final String PRIMARY_KEY = "id";
  static final String VECTOR_FIELD = "embedding";
  private static final String METRIC = "COSINE";
  private static final int SEED_BATCH_BYTES = 8 * 1024 * 1024;

  private final int dim;
  private final String name;

  SyntheticCollection(int dim) {
    this(dim, COLLECTION);
  }

  SyntheticCollection(int dim, String name) {
    this.dim = dim;
    this.name = name;
  }

  String name() {
    return name;
  }

  CollectionSchema schema(String database) {
    return CollectionSchema.newBuilder()
        .setDatabase(database).setCollection(name).setDescription("benchmark rows")
        .setFields(List.of(
            field(PRIMARY_KEY, DataType.INT64).setIsPrimaryKey(true).build(),
            field("category", DataType.INT32).build(),
            field(VECTOR_FIELD, DataType.FLOAT_VECTOR).setDim(dim).build()))
        .setEnableDynamicField(false).setFunctions(List.of()).setProperties(Map.of())
        .setShardsNum(1).setConsistencyLevel(ConsistencyLevel.BOUNDED).setPartitions(List.of("_default"))
        .build();
  }

  /** Creates the collection with an AUTOINDEX, as the sink does on a target. */
  void createTarget(MilvusSession session, String database) {
    create(session, database, new IndexSpec(VECTOR_FIELD, VECTOR_FIELD, "AUTOINDEX", METRIC, Map.of()));
  }

  /**
   * Creates the source collection with a FLAT index: it only has to be loadable, and FLAT builds
   * in moments, so no index build competes with the measured copies.
   */
  void createSource(MilvusSession session, String database) {
    create(session, database, new IndexSpec(VECTOR_FIELD, VECTOR_FIELD, "FLAT", METRIC, Map.of()));
  }

  private void create(MilvusSession session, String database, IndexSpec index) {
    session.catalog().createDatabase(database);
    session.catalog().createCollection(database, schema(database));
    session.catalog().createIndex(new CollectionName(database, name), index);
  }

  int rowBytes() {
    return 8 + 4 + 4 * dim;
  }

  /** Inserts {@code rows} rows with ids 0..rows-1, then flushes and loads the collection. */
  void seed(MilvusSession session, String database, long rows) {
    seed(session, database, rows, SEED_BATCH_BYTES);
  }

  /**
   * The same in requests of at most {@code batchBytes}: a source whose log is on Kafka refuses a
   * request larger than the broker's message size limit (1 MB by default).
   */
  void seed(MilvusSession session, String database, long rows, int batchBytes) {
    SplittableRandom random = new SplittableRandom(42);
    int batchRows = Math.max(1, batchBytes / rowBytes());
    for (long start = 0; start < rows; start += batchRows) {
      insert(session, database, start, (int) Math.min(batchRows, rows - start), random);
    }
    session.catalog().flush(new CollectionName(database, name));
    session.catalog().load(new CollectionName(database, name));
  }

  /** Inserts {@code count} rows with ids from {@code firstId}; returns once the server acknowledged them. */
  void insert(MilvusSession session, String database, long firstId, int count, SplittableRandom random) {
    long[] ids = new long[count];
    for (int i = 0; i < count; i++) {
      ids[i] = firstId + i;
    }
    write(session, database, ColumnarWriter.Mode.INSERT, ids, random);
  }

  /** Writes rows with these ids, new vectors, as one insert or upsert; returns once the server acknowledged it. */
  void write(MilvusSession session, String database, ColumnarWriter.Mode mode, long[] ids, SplittableRandom random) {
    session.writer().write(mode, new CollectionName(database, name), null, columns(ids, random), ids.length);
  }

  /** Deletes the rows with these ids (those that exist); returns once the server acknowledged it. */
  void delete(MilvusSession session, String database, long[] ids) {
    session.writer().delete(new CollectionName(database, name), null,
        new PrimaryKeys(PRIMARY_KEY, new PackedValues(LittleEndianPacker.packLongs(ids))));
  }

  private List<Column> columns(long[] ids, SplittableRandom random) {
    int count = ids.length;
    int[] categories = new int[count];
    ByteBuffer vectors = ByteBuffer.allocate(count * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      categories[i] = (int) (ids[i] % 16);
      for (int d = 0; d < dim; d++) {
        vectors.putFloat((float) random.nextDouble(-1, 1));
      }
    }
    vectors.flip();
    return List.of(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(ids)),
        Columns.scalars("category", DataType.INT32, LittleEndianPacker.packInts(categories)),
        Columns.vectors(VECTOR_FIELD, DataType.FLOAT_VECTOR, dim, vectors));
  }

  private static FieldSchema.Builder field(String name, DataType type) {
    return FieldSchema.newBuilder().setName(name).setDataType(type).setTypeParams(Map.of());
  }
}
