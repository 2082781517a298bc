package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.CollectionName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The source's aliases that a target database cannot take: the job creates each alias for the
 * migrated collection of the same name, which fails where the name already points at another
 * collection there or names a collection. An alias already pointing at the collection (a resumed
 * job) is not taken.
 */
final class TakenAliases {

  private TakenAliases() {}

  /**
   * @param sourceAliases each migrated collection's aliases on the source
   * @param targetAliases every alias of the target database and the collection it points at
   * @param targetCollections the collections of the target database
   * @return {@code database.alias (what holds it)} for each taken alias, sorted
   */
  static List<String> in(String targetDatabase, Map<String, List<String>> sourceAliases,
      Map<String, String> targetAliases, Collection<String> targetCollections) {
    List<String> taken = new ArrayList<>();
    sourceAliases.forEach((collection, aliases) -> aliases.forEach(alias -> {
      String pointsAt = targetAliases.get(alias);
      String name = new CollectionName(targetDatabase, alias).qualified();
      if (pointsAt != null && !pointsAt.equals(collection)) {
        taken.add(name + " (an alias of collection " + pointsAt + ")");
      } else if (targetCollections.contains(alias)) {
        taken.add(name + " (a collection)");
      }
    }));
    taken.sort(null);
    return taken;
  }
}
