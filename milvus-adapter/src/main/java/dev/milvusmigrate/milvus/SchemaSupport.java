package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a server can hold a collection's schema, judged by its version: the first field type or
 * schema feature it lacks, as words naming the field and the release that brought it. Older
 * servers do not always refuse what they lack (2.3.5 accepts a nullable field and silently drops
 * the nullable flag), so this is checked before anything is written. Servers whose version does
 * not parse are not judged. Pure.
 */
public final class SchemaSupport {

  private record Release(int major, int minor, int patch) {
    @Override
    public String toString() {
      return major + "." + minor + "." + patch;
    }
  }

  private static final Release V2_4 = new Release(2, 4, 0);
  private static final Release V2_5 = new Release(2, 5, 0);
  private static final Map<DataType, Release> TYPE_SINCE = Map.of(
      DataType.JSON, new Release(2, 2, 8),
      DataType.ARRAY, new Release(2, 3, 0),
      DataType.SPARSE_FLOAT_VECTOR, V2_4,
      DataType.FLOAT16_VECTOR, V2_4,
      DataType.BFLOAT16_VECTOR, V2_4,
      DataType.INT8_VECTOR, new Release(2, 6, 0),
      DataType.GEOMETRY, new Release(2, 6, 4),
      DataType.TIMESTAMPTZ, new Release(2, 6, 6));
  /** The types Milvus Lite 3.x rejects (its own error message lists what it supports). */
  private static final Set<DataType> NOT_IN_LITE = EnumSet.of(DataType.BINARY_VECTOR, DataType.FLOAT16_VECTOR,
      DataType.BFLOAT16_VECTOR, DataType.INT8_VECTOR);
  private static final Set<DataType> VECTORS = EnumSet.of(DataType.FLOAT_VECTOR, DataType.BINARY_VECTOR,
      DataType.FLOAT16_VECTOR, DataType.BFLOAT16_VECTOR, DataType.SPARSE_FLOAT_VECTOR, DataType.INT8_VECTOR);

  private SchemaSupport() {}

  /** What the server of {@code serverVersion} lacks to hold {@code schema}, or empty. */
  public static Optional<String> lacking(String serverVersion, CollectionSchema schema) {
    ServerVersion version = ServerVersion.parse(serverVersion);
    if (version.milvusLite()) {
      return schema.getFields().stream().filter(field -> NOT_IN_LITE.contains(field.getDataType())).findFirst()
          .map(field -> describe(field) + " (Milvus Lite has no such type)");
    }
    if (version.major() == 0) {
      return Optional.empty();
    }
    for (FieldSchema field : schema.getFields()) {
      Optional<String> missing = missing(version, field);
      if (missing.isPresent()) {
        return missing;
      }
    }
    if (!version.isMilvusAtLeast(2, 4, 0) && schema.getFields().stream()
        .filter(field -> VECTORS.contains(field.getDataType())).count() > 1) {
      return Optional.of("more than one vector field (Milvus " + V2_4 + " and later)");
    }
    if (!version.isMilvusAtLeast(2, 5, 0) && !schema.getFunctions().isEmpty()) {
      return Optional.of("function '" + schema.getFunctions().get(0).getName() + "' (Milvus " + V2_5 + " and later)");
    }
    return Optional.empty();
  }

  private static Optional<String> missing(ServerVersion version, FieldSchema field) {
    Release since = TYPE_SINCE.get(field.getDataType());
    if (since != null && !atLeast(version, since)) {
      return Optional.of(describe(field) + " (Milvus " + since + " and later)");
    }
    if (!atLeast(version, V2_5) && field.getNullable()) {
      return Optional.of("nullable field '" + field.getName() + "' (Milvus " + V2_5 + " and later)");
    }
    if (!atLeast(version, V2_5) && field.getDefaultValue() != null) {
      return Optional.of("a default value on field '" + field.getName() + "' (Milvus " + V2_5 + " and later)");
    }
    return Optional.empty();
  }

  private static boolean atLeast(ServerVersion version, Release release) {
    return version.isMilvusAtLeast(release.major(), release.minor(), release.patch());
  }

  private static String describe(FieldSchema field) {
    return "field '" + field.getName() + "' of type " + field.getDataType();
  }
}
