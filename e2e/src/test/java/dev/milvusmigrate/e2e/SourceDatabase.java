package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.Rows.array;
import static dev.milvusmigrate.e2e.Rows.field;
import static dev.milvusmigrate.e2e.Rows.intKey;
import static dev.milvusmigrate.e2e.Rows.varchar;
import static dev.milvusmigrate.e2e.Rows.vector;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source database with one collection of every shape: all scalar types, a VARCHAR primary key,
 * auto_id, a partition key, a dynamic field with extra keys, several partitions, an empty
 * collection and one big enough for several snapshot batches. {@link Features} says what the
 * server supports beyond Milvus 2.3.5 (nullable fields, GEOMETRY, TIMESTAMPTZ, sparse vectors,
 * a second vector field). Two shapes are created on Lite only because a Lite target cannot keep
 * them (see {@code Standalone235ToLiteIT}): ARRAY of VARCHAR (Lite drops the element max_length)
 * and a partition key (Lite does not keep the requested num_partitions).
 */
final class SourceDatabase {

  /** What the source server can store on top of what Milvus 2.3.5 can. */
  enum Features {
    MILVUS_2_3,
    MILVUS_LITE
  }

  static final int DIM = 8;
  private static final int BIG_DIM = 128;
  /** About 2.5 KB per row with the 128-dim vector: 4000 rows are about 10 MB, several 4 MiB batches. */
  private static final int BIG_TEXT = 2000;
  private static final List<String> SEASONS = List.of("p2023", "p2024");

  private final MilvusData data;
  private final boolean lite;
  private final Map<String, Integer> rows = new LinkedHashMap<>();

  private SourceDatabase(MilvusData data, Features features) {
    this.data = data;
    this.lite = features == Features.MILVUS_LITE;
  }

  /** Creates every collection in the current database of {@code data}; returns rows per collection. */
  static Map<String, Integer> create(MilvusData data, Features features, int bigRows) {
    SourceDatabase source = new SourceDatabase(data, features);
    source.allTypes(300);
    source.byName(200);
    source.generated(150);
    if (source.lite) {
      source.byTenant(200);
    }
    source.dynamic(120);
    source.seasons(60);
    source.empty();
    source.big(bigRows);
    return Map.copyOf(source.rows);
  }

  /** The two shapes a Milvus Lite target cannot keep: a partition key collection and an ARRAY of VARCHAR. */
  static Map<String, Integer> createShapesLiteCannotKeep(MilvusData data) {
    SourceDatabase source = new SourceDatabase(data, Features.MILVUS_2_3);
    source.byTenant(200);
    source.labels(50);
    return Map.copyOf(source.rows);
  }

  static CreateCollectionReq.CollectionSchema schema(boolean dynamic, List<AddFieldReq> fields) {
    CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
    schema.setEnableDynamicField(dynamic);
    fields.forEach(schema::addField);
    return schema;
  }

  static CreateCollectionReq.CollectionSchema schema(boolean dynamic, AddFieldReq... fields) {
    return schema(dynamic, List.of(fields));
  }

  private void fill(String collection, String partition, List<JsonObject> inserted) {
    data.insert(collection, partition, inserted);
    rows.merge(collection, inserted.size(), Integer::sum);
  }

  /** Every scalar type and arrays of six element types; on Lite also nullable fields with nulls, geometry, timestamptz, sparse. */
  private void allTypes(int count) {
    List<AddFieldReq> fields = new ArrayList<>(List.of(intKey("id"),
        field("flag", DataType.Bool).build(),
        field("tiny", DataType.Int8).build(),
        field("small", DataType.Int16).build(),
        field("medium", DataType.Int32).build(),
        field("big", DataType.Int64).build(),
        field("ratio", DataType.Float).build(),
        field("precise", DataType.Double).build(),
        varchar("title", 64),
        field("doc", DataType.JSON).build(),
        array("counts", DataType.Int64, 5),
        array("ints", DataType.Int32, 3),
        array("weights", DataType.Float, 4),
        array("precises", DataType.Double, 2),
        array("switches", DataType.Bool, 3),
        field("level", DataType.Int64).defaultValue(5L).build(),
        field("status", DataType.VarChar).maxLength(16).defaultValue("new").build(),
        vector("embedding", DIM)));
    if (lite) {
      fields.addAll(List.of(
          array("tags", DataType.VarChar, 4),
          field("place", DataType.Geometry).build(),
          field("seen", DataType.Timestamptz).build(),
          field("maybe_count", DataType.Int32).isNullable(true).build(),
          field("maybe_label", DataType.VarChar).maxLength(32).isNullable(true).build(),
          field("maybe_doc", DataType.JSON).isNullable(true).build(),
          field("maybe_tags", DataType.Array).elementType(DataType.Int64).maxCapacity(3).isNullable(true).build(),
          field("score", DataType.Double).isNullable(true).defaultValue(0.5).build(),
          field("sparse", DataType.SparseFloatVector).build()));
    }
    data.create("all_types", schema(false, fields));
    fill("all_types", null, MilvusData.rows(count, this::allTypesRow));
    data.flush("all_types");
  }

  private JsonObject allTypesRow(int i) {
    JsonObject row = new JsonObject();
    row.addProperty("id", i * 7L - 300);
    row.addProperty("flag", i % 2 == 0);
    row.addProperty("tiny", (byte) (i - 128));
    row.addProperty("small", (short) (i * 97 - 15000));
    row.addProperty("medium", i * 7_000_001);
    row.addProperty("big", (i % 2 == 0 ? 1 : -1) * (Long.MAX_VALUE - i));
    row.addProperty("ratio", i / 3.0f);
    row.addProperty("precise", Math.PI * i);
    row.addProperty("title", "title \"" + i + "\" ñ/é");
    row.add("doc", Rows.document(i));
    row.add("counts", Rows.numbers(Long.MIN_VALUE + i, 0L, Long.MAX_VALUE - i));
    row.add("ints", Rows.numbers(i, -i));
    row.add("weights", Rows.numbers(0.1f * i, 2.5f));
    row.add("precises", Rows.numbers(1.0 / (i + 1)));
    row.add("switches", Rows.booleans(true, i % 3 == 0, false));
    // On Lite, a quarter of the rows leave the default-valued fields out; 2.3.5 gets every value.
    if (!lite || i % 4 != 0) {
      row.addProperty("level", (long) i);
      row.addProperty("status", "s" + (i % 5));
    }
    row.add("embedding", Rows.vector(i, DIM));
    if (lite) {
      liteOnlyValues(row, i);
    }
    return row;
  }

  private static void liteOnlyValues(JsonObject row, int i) {
    row.add("tags", Rows.strings("t" + i, "common", "z"));
    row.addProperty("place", "POINT (" + i + " " + (i % 90) + ")");
    row.addProperty("seen", String.format("2024-%02d-%02dT%02d:%02d:%02dZ", 1 + i % 12, 1 + i % 28, i % 24, i % 60,
        (i * 7) % 60));
    boolean nulls = i % 3 == 0;
    row.add("maybe_count", nulls ? JsonNull.INSTANCE : new JsonPrimitive(i));
    row.add("maybe_label", nulls ? JsonNull.INSTANCE : new JsonPrimitive("label-" + i));
    row.add("maybe_doc", nulls ? JsonNull.INSTANCE : Rows.document(-i));
    row.add("maybe_tags", nulls ? JsonNull.INSTANCE : Rows.numbers((long) i, (long) i + 1));
    if (i % 5 == 1) {
      row.add("score", JsonNull.INSTANCE);
    } else if (i % 5 == 2) {
      row.addProperty("score", i / 8.0);
    }
    row.add("sparse", Rows.sparse(i));
  }

  private void byName(int count) {
    data.create("by_name", schema(false,
        field("name", DataType.VarChar).isPrimaryKey(true).maxLength(40).build(),
        field("year", DataType.Int32).build(),
        vector("embedding", DIM)));
    fill("by_name", null, MilvusData.rows(count, i -> {
      JsonObject row = new JsonObject();
      row.addProperty("name", "book-" + Integer.toString(i * 7919, 36) + (i % 2 == 0 ? "-ü" : ""));
      row.addProperty("year", 1900 + i);
      row.add("embedding", Rows.vector(i, DIM));
      return row;
    }));
    data.flush("by_name");
  }

  /** Entity {@code i} of {@code generated}, without its key: the server generates it. */
  static JsonObject generatedRow(int i) {
    JsonObject row = new JsonObject();
    row.addProperty("text", "generated " + i);
    row.add("embedding", Rows.vector(i + 5, DIM));
    return row;
  }

  private void generated(int count) {
    data.create("generated", schema(false,
        field("id", DataType.Int64).isPrimaryKey(true).autoID(true).build(),
        varchar("text", 32),
        vector("embedding", DIM)));
    fill("generated", null, MilvusData.rows(count, SourceDatabase::generatedRow));
    data.flush("generated");
  }

  void byTenant(int count) {
    data.create("by_tenant", schema(false, intKey("id"),
        field("tenant", DataType.VarChar).maxLength(16).isPartitionKey(true).build(),
        vector("embedding", DIM)), 4, List.of());
    fill("by_tenant", null, MilvusData.rows(count, i -> {
      JsonObject row = new JsonObject();
      row.addProperty("id", (long) i);
      row.addProperty("tenant", "tenant-" + (i % 7));
      row.add("embedding", Rows.vector(i * 3, DIM));
      return row;
    }));
    data.flush("by_tenant");
  }

  /** Created with BOUNDED consistency, which Milvus Lite does not keep (it answers STRONG). */
  private void labels(int count) {
    data.create("labels", schema(false, intKey("id"), array("tags", DataType.VarChar, 4), vector("embedding", DIM)),
        ConsistencyLevel.BOUNDED);
    fill("labels", null, MilvusData.rows(count, i -> {
      JsonObject row = new JsonObject();
      row.addProperty("id", (long) i);
      row.add("tags", Rows.strings("t" + i, "common"));
      row.add("embedding", Rows.vector(i, DIM));
      return row;
    }));
    data.flush("labels");
  }

  /** Extra keys of every JSON kind land in the dynamic field; some rows have none. */
  private void dynamic(int count) {
    data.create("dynamic", schema(true, intKey("id"), vector("embedding", DIM)));
    fill("dynamic", null, MilvusData.rows(count, i -> {
      JsonObject row = new JsonObject();
      row.addProperty("id", 10_000L + i);
      row.add("embedding", Rows.vector(i + 11, DIM));
      if (i % 4 != 0) {
        row.addProperty("color", i % 2 == 0 ? "red" : "blue");
        row.addProperty("weight", i * 1.25);
        row.add("extra", Rows.document(i));
      }
      if (i % 3 == 0) {
        row.add("list", Rows.numbers(i, i * 2));
      }
      return row;
    }));
    data.flush("dynamic");
  }

  private void seasons(int perPartition) {
    data.create("seasons", schema(false, intKey("id"), varchar("title", 32), vector("embedding", DIM)), null, SEASONS);
    List<String> partitions = List.of("_default", SEASONS.get(0), SEASONS.get(1));
    for (int p = 0; p < partitions.size(); p++) {
      int offset = p * perPartition;
      String partition = partitions.get(p);
      fill("seasons", partition, MilvusData.rows(perPartition, i -> {
        JsonObject row = new JsonObject();
        row.addProperty("id", (long) offset + i);
        row.addProperty("title", partition + "/" + i);
        row.add("embedding", Rows.vector(offset + i, DIM));
        return row;
      }));
    }
    data.flush("seasons");
  }

  private void empty() {
    data.create("empty", schema(false, intKey("id"), varchar("title", 16), vector("embedding", DIM)));
    rows.put("empty", 0);
  }

  private void big(int count) {
    data.create("big", schema(false, intKey("id"), varchar("body", 4096), vector("embedding", BIG_DIM)));
    fill("big", null, MilvusData.rows(count, i -> {
      JsonObject row = new JsonObject();
      row.addProperty("id", (long) i * 3);
      row.addProperty("body", Rows.text(i, BIG_TEXT));
      row.add("embedding", Rows.vector(i, BIG_DIM));
      return row;
    }));
    data.flush("big");
  }
}
