package dev.milvusmigrate.capture.ddl;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import java.util.Optional;
import java.util.Set;

/**
 * One source collection as the watch saw it: its schema (collection id, fields, properties,
 * partitions) as {@code MilvusCatalog.describeCollection} reports it, and its aliases.
 */
public record CollectionView(CollectionSchema schema, Set<String> aliases) {

  public CollectionView {
    schema = copy(schema);
    aliases = Set.copyOf(aliases);
  }

  /** A copy: Avro records are mutable, the view is not. */
  @Override
  public CollectionSchema schema() {
    return copy(schema);
  }

  public CollectionName name() {
    return new CollectionName(schema.getDatabase(), schema.getCollection());
  }

  /** Empty on servers that report no collection ids (Milvus Lite). */
  public Optional<Long> id() {
    return Optional.ofNullable(schema.getSourceCollectionId());
  }

  private static CollectionSchema copy(CollectionSchema schema) {
    return CollectionSchema.newBuilder(schema).build();
  }
}
