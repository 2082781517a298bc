package dev.milvusmigrate.capture.ddl;

import dev.milvusmigrate.milvus.ImportTask;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Source views for unit tests: database {@code shop} without properties, collections with two fields. */
final class Views {

  static final String DB = "shop";

  private Views() {}

  static FieldSchema.Builder field(String name, DataType type) {
    return FieldSchema.newBuilder().setName(name).setDataType(type).setTypeParams(Map.of());
  }

  static List<FieldSchema> fields() {
    return List.of(field("id", DataType.INT64).setIsPrimaryKey(true).build(),
        field("title", DataType.VARCHAR).setMaxLength(64).build());
  }

  /** A collection of {@link #DB} with the given id ({@code null}: the server reports none). */
  static CollectionSchema.Builder schema(String name, Long id) {
    return CollectionSchema.newBuilder().setDatabase(DB).setCollection(name).setFields(fields())
        .setPartitions(List.of("_default")).setSourceCollectionId(id);
  }

  static CollectionView collection(CollectionSchema.Builder schema, String... aliases) {
    return new CollectionView(schema.build(), Set.of(aliases));
  }

  /** {@link #DB} and every collection's database, without properties, and no import tasks. */
  static SourceCatalogView view(CollectionView... collections) {
    return view(Map.of(DB, Map.of()), Optional.of(Set.of()), collections);
  }

  static SourceCatalogView view(Map<String, Map<String, String>> databases, Optional<Set<ImportTask>> importTasks,
      CollectionView... collections) {
    Map<String, Map<String, String>> all = new TreeMap<>(databases);
    Arrays.stream(collections).forEach(view -> all.putIfAbsent(view.name().database(), Map.of()));
    return SourceCatalogView.of(all, List.of(collections), importTasks);
  }
}
