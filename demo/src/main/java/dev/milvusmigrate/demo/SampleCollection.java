package dev.milvusmigrate.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import java.util.List;
import java.util.function.LongFunction;

/**
 * One collection of the sample data: where it lives, its fields, and the entity of the n-th key
 * at a given version (the writer rewrites keys with higher versions). Values are deterministic, so
 * the verification has something exact to compare.
 */
record SampleCollection(String database, String name, String shape, boolean dynamicField, List<AddFieldReq> fields,
    LongFunction<Object> key, EntityFactory entity) {

  /** The entity of key number {@code n} at {@code version}, every field set. */
  interface EntityFactory {
    JsonObject create(long n, int version);
  }

  static final int DIM = 64;

  /** products (int64 key, varchar, double, JSON), reviews (varchar key, dynamic field), events (default database). */
  static List<SampleCollection> all() {
    return List.of(products(), reviews(), events());
  }

  String qualifiedName() {
    return database + "." + name;
  }

  String primaryKey() {
    return fields.get(0).getFieldName();
  }

  CreateCollectionReq.CollectionSchema schema() {
    CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
    schema.setEnableDynamicField(dynamicField);
    fields.forEach(schema::addField);
    return schema;
  }

  private static SampleCollection products() {
    return new SampleCollection("shop", "products", "int64 key, varchar, double, JSON, 64-dim float vector", false,
        List.of(field("id", DataType.Int64).isPrimaryKey(true).autoID(false).build(), varchar("name", 64),
            field("price", DataType.Double).build(), field("attributes", DataType.JSON).build(), vector(DIM)),
        n -> n, (n, version) -> {
          JsonObject row = new JsonObject();
          row.addProperty("id", n);
          row.addProperty("name", "product " + n + (version > 0 ? " v" + version : ""));
          row.addProperty("price", 1.25 + (n * 7 + version) % 500);
          JsonObject attributes = new JsonObject();
          attributes.addProperty("color", List.of("red", "green", "blue").get((int) (n % 3)));
          attributes.addProperty("stock", (n * 13 + version) % 100);
          row.add("attributes", attributes);
          row.add("embedding", embedding(n + version, DIM));
          return row;
        });
  }

  private static SampleCollection reviews() {
    return new SampleCollection("shop", "reviews", "varchar key, int64, int32, varchar, 64-dim float vector,"
        + " dynamic fields", true,
        List.of(field("review_id", DataType.VarChar).maxLength(32).isPrimaryKey(true).build(), field("product_id", DataType.Int64)
            .build(), field("stars", DataType.Int32).build(), varchar("text", 256), vector(DIM)),
        n -> "review-" + n, (n, version) -> {
          JsonObject row = new JsonObject();
          row.addProperty("review_id", "review-" + n);
          row.addProperty("product_id", n % 1000);
          row.addProperty("stars", (int) ((n + version) % 5) + 1);
          row.addProperty("text", "Review " + n + " (edit " + version + "): works as described.");
          row.add("embedding", embedding(n * 3 + version, DIM));
          row.addProperty("lang", n % 2 == 0 ? "en" : "de");
          row.addProperty("helpful_votes", version);
          return row;
        });
  }

  private static SampleCollection events() {
    return new SampleCollection("default", "events", "int64 key, varchar, JSON, 16-dim float vector", false,
        List.of(field("event_id", DataType.Int64).isPrimaryKey(true).autoID(false).build(), varchar("kind", 16),
            field("payload", DataType.JSON).build(), vector(16)),
        n -> n, (n, version) -> {
          JsonObject row = new JsonObject();
          row.addProperty("event_id", n);
          row.addProperty("kind", List.of("view", "cart", "order").get((int) ((n + version) % 3)));
          JsonObject payload = new JsonObject();
          payload.addProperty("session", "s-" + n / 10);
          payload.addProperty("version", version);
          row.add("payload", payload);
          row.add("embedding", embedding(n * 5 + version, 16));
          return row;
        });
  }

  private static AddFieldReq.AddFieldReqBuilder<?> field(String name, DataType type) {
    return AddFieldReq.builder().fieldName(name).dataType(type);
  }

  private static AddFieldReq varchar(String name, int maxLength) {
    return field(name, DataType.VarChar).maxLength(maxLength).build();
  }

  private static AddFieldReq vector(int dim) {
    return field("embedding", DataType.FloatVector).dimension(dim).build();
  }

  private static JsonArray embedding(long seed, int dim) {
    JsonArray vector = new JsonArray();
    for (int d = 0; d < dim; d++) {
      vector.add(((seed * 31 + d * 7) % 997) / 997.0f - 0.5f);
    }
    return vector;
  }
}
