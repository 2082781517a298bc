package dev.milvusmigrate.capture.ddl;

import static dev.milvusmigrate.capture.ddl.DdlOperation.ALTER_DATABASE;
import static dev.milvusmigrate.capture.ddl.DdlOperation.DROP_DATABASE;
import static dev.milvusmigrate.capture.ddl.DdlOperation.IMPORT;

import dev.milvusmigrate.milvus.ImportTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares two views of the source and lists the changes a zero-downtime job forbids, databases
 * first, then collections and aliases by name, then imports. New databases, collections and
 * partitions are allowed: they are migrated. Dropping a database, collection or partition is
 * forbidden too, as the target would silently keep what the source no longer has.
 */
public final class ForbiddenDdlDetector {

  public List<DdlViolation> violations(SourceCatalogView previous, SourceCatalogView current) {
    List<DdlViolation> found = new ArrayList<>();
    previous.databases().forEach((database, properties) ->
        databaseChange(database, properties, current.databases().get(database)).ifPresent(found::add));
    previous.collections().values().forEach(before -> found.addAll(CollectionChanges.of(before, current)));
    found.addAll(AliasChanges.of(previous, current));
    found.addAll(imports(previous, current));
    return List.copyOf(found);
  }

  private static Optional<DdlViolation> databaseChange(String database, Map<String, String> before,
      Map<String, String> after) {
    if (after == null) {
      return Optional.of(DdlViolation.of(DROP_DATABASE, database, null, "Database " + database + " was dropped"));
    }
    List<String> changes = AttributeChanges.between(before, after);
    return changes.isEmpty() ? Optional.empty() : Optional.of(DdlViolation.of(ALTER_DATABASE, database, null,
        "Database " + database + " was altered (" + String.join(", ", changes) + ")"));
  }

  /** Tasks the previous view did not have; nothing when either view could not list tasks. */
  private static List<DdlViolation> imports(SourceCatalogView previous, SourceCatalogView current) {
    if (previous.importTasks().isEmpty() || current.importTasks().isEmpty()) {
      return List.of();
    }
    Set<Long> known = previous.importTasks().get().stream().map(ImportTask::id).collect(Collectors.toSet());
    return current.importTasks().get().stream().filter(task -> !known.contains(task.id()))
        .sorted(Comparator.comparingLong(ImportTask::id))
        .map(task -> imported(task, current.collectionWithId(task.collectionId())
            .or(() -> previous.collectionWithId(task.collectionId()))))
        .toList();
  }

  private static DdlViolation imported(ImportTask task, Optional<CollectionView> collection) {
    String into = collection.map(view -> "collection " + view.name())
        .orElse("the collection with id " + task.collectionId());
    String whatHappened = "Import (bulk insert) task " + task.id() + " into " + into + " was started";
    return collection.map(view -> DdlViolation.of(IMPORT, view.name(), whatHappened))
        .orElse(DdlViolation.of(IMPORT, null, null, whatHappened));
  }
}
