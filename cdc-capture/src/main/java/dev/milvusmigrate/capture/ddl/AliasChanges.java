package dev.milvusmigrate.capture.ddl;

import static dev.milvusmigrate.capture.ddl.DdlOperation.ALTER_ALIAS;
import static dev.milvusmigrate.capture.ddl.DdlOperation.CREATE_ALIAS;
import static dev.milvusmigrate.capture.ddl.DdlOperation.DROP_ALIAS;

import dev.milvusmigrate.core.domain.CollectionName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aliases created, dropped or moved to another collection between two views. The aliases of a
 * collection that is gone went with it: its drop or rename is the violation.
 */
final class AliasChanges {

  private AliasChanges() {}

  static List<DdlViolation> of(SourceCatalogView previous, SourceCatalogView current) {
    Map<CollectionName, CollectionView> before = previous.aliases();
    Map<CollectionName, CollectionView> after = current.aliases();
    List<DdlViolation> found = new ArrayList<>();
    before.forEach((alias, target) -> changed(alias, target, after.get(alias), current).ifPresent(found::add));
    after.forEach((alias, target) -> {
      if (!before.containsKey(alias)) {
        found.add(DdlViolation.of(CREATE_ALIAS, target.name(), "Alias " + alias + " was created for collection "
            + target.name()));
      }
    });
    return found;
  }

  private static Optional<DdlViolation> changed(CollectionName alias, CollectionView target, CollectionView now,
      SourceCatalogView current) {
    Optional<CollectionView> targetNow = current.find(target);
    if (targetNow.isEmpty()) {
      return Optional.empty();
    }
    if (now == null) {
      return Optional.of(DdlViolation.of(DROP_ALIAS, target.name(), "Alias " + alias + " of collection "
          + target.name() + " was dropped"));
    }
    if (!now.name().equals(targetNow.get().name())) {
      return Optional.of(DdlViolation.of(ALTER_ALIAS, target.name(), "Alias " + alias + " was moved from collection "
          + target.name() + " to " + now.name()));
    }
    return Optional.empty();
  }
}
