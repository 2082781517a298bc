package dev.milvusmigrate.capture.ddl;

import static dev.milvusmigrate.capture.ddl.DdlOperation.ALTER_COLLECTION;
import static dev.milvusmigrate.capture.ddl.DdlOperation.ALTER_COLLECTION_FIELD;
import static dev.milvusmigrate.capture.ddl.DdlOperation.DROP_COLLECTION;
import static dev.milvusmigrate.capture.ddl.DdlOperation.DROP_PARTITION;
import static dev.milvusmigrate.capture.ddl.DdlOperation.RENAME_COLLECTION;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The forbidden changes of one collection between two views: renamed, dropped (or dropped and
 * created again), altered, fields altered, added or removed, partitions dropped. New partitions
 * are allowed.
 */
final class CollectionChanges {

  /** Attributes that are not the collection's alterable definition: names, ids, fields and partitions. */
  private static final Set<String> NOT_COLLECTION_LEVEL =
      Set.of("database", "collection", "fields", "partitions", "source_collection_id", "created_ts");

  private CollectionChanges() {}

  static List<DdlViolation> of(CollectionView before, SourceCatalogView current) {
    Optional<CollectionView> after = current.find(before);
    if (after.isEmpty()) {
      return List.of(dropped(before, current.collection(before.name()).isPresent()));
    }
    if (!after.get().name().equals(before.name())) {
      return List.of(renamed(before.name(), after.get().name()));
    }
    return altered(before.name(), before.schema(), after.get().schema());
  }

  private static DdlViolation dropped(CollectionView before, boolean nameTakenAgain) {
    String how = nameTakenAgain ? "was dropped and created again"
        : before.id().isPresent() ? "was dropped" : "was dropped or renamed (the server reports no collection ids)";
    return DdlViolation.of(DROP_COLLECTION, before.name(), "Collection " + before.name() + " " + how);
  }

  private static DdlViolation renamed(CollectionName before, CollectionName after) {
    String newName = after.database().equals(before.database()) ? after.collection() : after.toString();
    return DdlViolation.of(RENAME_COLLECTION, before, "Collection " + before + " was renamed to " + newName);
  }

  private static List<DdlViolation> altered(CollectionName name, CollectionSchema before, CollectionSchema after) {
    List<DdlViolation> found = new ArrayList<>();
    List<String> collectionLevel = AttributeChanges.between(before, after, NOT_COLLECTION_LEVEL);
    if (!collectionLevel.isEmpty()) {
      found.add(DdlViolation.of(ALTER_COLLECTION, name, "Collection " + name + " was altered ("
          + String.join(", ", collectionLevel) + ")"));
    }
    List<String> fields = fieldChanges(before.getFields(), after.getFields());
    if (!fields.isEmpty()) {
      found.add(DdlViolation.of(ALTER_COLLECTION_FIELD, name, "The fields of collection " + name + " were altered ("
          + String.join("; ", fields) + ")"));
    }
    List<String> droppedPartitions = before.getPartitions().stream()
        .filter(partition -> !after.getPartitions().contains(partition)).toList();
    if (!droppedPartitions.isEmpty()) {
      found.add(DdlViolation.of(DROP_PARTITION, name, "Partitions " + droppedPartitions + " of collection " + name
          + " were dropped"));
    }
    return found;
  }

  /** Per field name, whatever the order: added, removed or changed attributes. */
  private static List<String> fieldChanges(List<FieldSchema> before, List<FieldSchema> after) {
    Map<String, FieldSchema> beforeByName = byName(before);
    Map<String, FieldSchema> afterByName = byName(after);
    Set<String> names = new TreeSet<>(beforeByName.keySet());
    names.addAll(afterByName.keySet());
    List<String> changes = new ArrayList<>();
    for (String name : names) {
      FieldSchema was = beforeByName.get(name);
      FieldSchema is = afterByName.get(name);
      if (was == null || is == null) {
        changes.add("field '" + name + "' " + (was == null ? "added" : "removed"));
      } else {
        List<String> attributes = AttributeChanges.between(was, is, Set.of());
        if (!attributes.isEmpty()) {
          changes.add("field '" + name + "' " + String.join(", ", attributes));
        }
      }
    }
    return changes;
  }

  private static Map<String, FieldSchema> byName(List<FieldSchema> fields) {
    return fields.stream().collect(Collectors.toMap(FieldSchema::getName, Function.identity()));
  }
}
