package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusCatalog;
import java.util.List;
import java.util.Map;

/**
 * A source collection's aliases, created on the target for the migrated collection (in its target
 * database), so that applications querying through an alias find it there. Preflight refused
 * aliases taken on the target by other collections; an alias that already points at the collection
 * (a resumed job) is left as it is. Alias changes on the source fail a zero-downtime job while it
 * syncs (the DDL watch), so the source's aliases at cutover are those it had at T.
 */
final class TargetAliases {

  private final MilvusCatalog source;
  private final MilvusCatalog target;

  TargetAliases(MilvusCatalog source, MilvusCatalog target) {
    this.source = source;
    this.target = target;
  }

  /** The source collection's aliases, sorted, each pointing at {@code migrated} on the target when this returns. */
  List<String> copy(CollectionName sourceCollection, CollectionName migrated) {
    List<String> aliases = source.listAliases(sourceCollection).stream().sorted().toList();
    if (aliases.isEmpty()) {
      return aliases;
    }
    Map<String, String> existing = target.aliasesOf(migrated.database());
    aliases.stream().filter(alias -> !migrated.collection().equals(existing.get(alias)))
        .forEach(alias -> target.createAlias(migrated, alias));
    return aliases;
  }
}
