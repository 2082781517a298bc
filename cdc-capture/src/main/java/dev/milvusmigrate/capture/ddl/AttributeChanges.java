package dev.milvusmigrate.capture.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * What differs between two versions of an Avro record or a property map, one entry per attribute
 * as {@code name: before -> after}; map-valued attributes (properties, type_params) key by key.
 */
final class AttributeChanges {

  private static final String UNSET = "(unset)";

  private AttributeChanges() {}

  static List<String> between(SpecificRecord before, SpecificRecord after, Set<String> ignored) {
    List<String> changes = new ArrayList<>();
    for (Schema.Field field : before.getSchema().getFields()) {
      if (!ignored.contains(field.name())) {
        changes.addAll(of(field.name(), before.get(field.pos()), after.get(field.pos())));
      }
    }
    return changes;
  }

  static List<String> between(Map<?, ?> before, Map<?, ?> after) {
    return between("", before, after);
  }

  private static List<String> between(String prefix, Map<?, ?> before, Map<?, ?> after) {
    Set<String> keys = new TreeSet<>();
    before.keySet().forEach(key -> keys.add(key.toString()));
    after.keySet().forEach(key -> keys.add(key.toString()));
    return keys.stream().flatMap(key -> of(prefix + key, before.get(key), after.get(key)).stream()).toList();
  }

  private static List<String> of(String name, Object before, Object after) {
    if (before instanceof Map<?, ?> beforeMap && after instanceof Map<?, ?> afterMap) {
      return between(name + ".", beforeMap, afterMap);
    }
    return Objects.equals(before, after) ? List.of() : List.of(name + ": " + shown(before) + " -> " + shown(after));
  }

  private static String shown(Object value) {
    return value == null ? UNSET : value.toString();
  }
}
