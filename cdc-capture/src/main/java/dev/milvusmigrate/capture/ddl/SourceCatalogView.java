package dev.milvusmigrate.capture.ddl;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ImportTask;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable picture of the source: every database with its properties, every collection with
 * its schema and aliases, and the bulk-insert tasks the server remembers ({@code importTasks} is
 * empty when the server cannot list them). Databases and collections are sorted by name.
 */
public record SourceCatalogView(SortedMap<String, Map<String, String>> databases,
    SortedMap<CollectionName, CollectionView> collections, Optional<Set<ImportTask>> importTasks) {

  public SourceCatalogView {
    SortedMap<String, Map<String, String>> copied = new TreeMap<>();
    databases.forEach((database, properties) -> copied.put(database, Map.copyOf(properties)));
    databases = Collections.unmodifiableSortedMap(copied);
    collections = Collections.unmodifiableSortedMap(new TreeMap<>(collections));
    importTasks = importTasks.map(Set::copyOf);
  }

  public static SourceCatalogView of(Map<String, Map<String, String>> databases, Collection<CollectionView> collections,
      Optional<Set<ImportTask>> importTasks) {
    return new SourceCatalogView(new TreeMap<>(databases), collections.stream().collect(Collectors.toMap(
        CollectionView::name, Function.identity(), (a, b) -> a, TreeMap::new)), importTasks);
  }

  public Optional<CollectionView> collection(CollectionName name) {
    return Optional.ofNullable(collections.get(name));
  }

  public Optional<CollectionView> collectionWithId(long id) {
    return collections.values().stream().filter(view -> view.id().filter(own -> own == id).isPresent()).findFirst();
  }

  /** The same collection in this view: by id where the server reports ids, else by name. */
  public Optional<CollectionView> find(CollectionView collection) {
    return collection.id().map(this::collectionWithId).orElseGet(() -> collection(collection.name()));
  }

  /** Every alias (in its collection's database) and the collection it points at. */
  public SortedMap<CollectionName, CollectionView> aliases() {
    SortedMap<CollectionName, CollectionView> aliases = new TreeMap<>();
    collections.values().forEach(view -> view.aliases().forEach(
        alias -> aliases.put(new CollectionName(view.name().database(), alias), view)));
    return Collections.unmodifiableSortedMap(aliases);
  }
}
