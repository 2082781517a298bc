package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.RecordKeys;

/**
 * Which collections one exporter instance exports: those whose {@code database/collection}
 * hash modulo the instance count equals the instance index. {@link String#hashCode()} is
 * specified by the language, so every instance computes the same split.
 */
public record InstanceOwnership(int index, int count) {

  public static InstanceOwnership of(int index, int count) {
    if (index >= count) {
      throw new ConfigException("Setting 'exporter.instance.index' is " + index + " but 'exporter.instance.count' is "
          + count + ": use an index from 0 to " + (count - 1) + ".");
    }
    return new InstanceOwnership(index, count);
  }

  public static InstanceOwnership single() {
    return new InstanceOwnership(0, 1);
  }

  public boolean owns(CollectionName name) {
    return Math.floorMod(RecordKeys.collection(name.database(), name.collection()).hashCode(), count) == index;
  }
}
