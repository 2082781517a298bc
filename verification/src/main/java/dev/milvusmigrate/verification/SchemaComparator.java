package dev.milvusmigrate.verification;

import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.FunctionSchema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Compares a source and a target collection schema and names every difference in one sentence.
 * What legitimately differs is ignored: field and collection ids, creation time, database name,
 * and what the sink changes on purpose to keep primary keys (DESIGN invariant 4): auto_id turned
 * off on the primary key, or the {@value #ALLOW_INSERT_AUTO_ID} property.
 */
public final class SchemaComparator {

  /** Collection property that lets an auto-id collection accept given primary keys (Milvus 2.6.3+). */
  public static final String ALLOW_INSERT_AUTO_ID = "allow_insert_auto_id";

  private final BooleanSupplier compareConsistencyLevel;

  /** Compares every attribute. */
  public SchemaComparator() {
    this(() -> true);
  }

  private SchemaComparator(BooleanSupplier compareConsistencyLevel) {
    this.compareConsistencyLevel = compareConsistencyLevel;
  }

  /**
   * For collections read from a target: a level the target does not report is not compared.
   *
   * @param reportsConsistencyLevel asked on the first comparison, e.g. the target's
   *     {@link MilvusCatalog#reportsConsistencyLevel()}
   */
  public static SchemaComparator forTarget(BooleanSupplier reportsConsistencyLevel) {
    return new SchemaComparator(reportsConsistencyLevel);
  }

  public List<String> differences(CollectionSchema source, CollectionSchema target) {
    List<String> out = new ArrayList<>();
    compareCollection(source, target, out);
    compareFields(source, target, out);
    compareFunctions(source, target, out);
    compareProperties(source.getProperties(), target.getProperties(), out);
    return out;
  }

  /** The longest VARCHAR any Milvus accepts. */
  public static final int LONGEST_VARCHAR = 65_535;

  /** An ARRAY of VARCHAR whose elements' max_length the source does not report (Milvus Lite 3.2.2). */
  public static boolean elementLengthUnreported(FieldSchema field) {
    return field.getDataType() == DataType.ARRAY && field.getElementType() == DataType.VARCHAR
        && field.getMaxLength() == null;
  }

  /**
   * The field as a target creates it: an element length the source does not report becomes the
   * longest, so that every value fits on a target that requires one.
   */
  public static FieldSchema creatable(FieldSchema field) {
    return elementLengthUnreported(field) ? FieldSchema.newBuilder(field).setMaxLength(LONGEST_VARCHAR).build() : field;
  }

  /** The fields whose element max_length the source does not report, and which the target was given the longest for. */
  public List<String> elementLengthsFilledIn(CollectionSchema source) {
    return source.getFields().stream().filter(SchemaComparator::elementLengthUnreported).map(FieldSchema::getName)
        .toList();
  }

  /** True when the source generates primary keys and the target was created without auto_id to keep them. */
  public boolean autoIdTurnedOff(CollectionSchema source, CollectionSchema target) {
    FieldSchema sourcePk = primaryKey(source);
    FieldSchema targetPk = primaryKey(target);
    return sourcePk != null && targetPk != null && sourcePk.getAutoId() && !targetPk.getAutoId();
  }

  /** True when the levels differ but were not compared, since the target does not report the level it keeps. */
  public boolean consistencyLevelUnreported(CollectionSchema source, CollectionSchema target) {
    return !compareConsistencyLevel.getAsBoolean()
        && !Objects.equals(source.getConsistencyLevel(), target.getConsistencyLevel());
  }

  /**
   * True when both primary keys are auto-id and the target was not created to take given keys
   * (no {@value #ALLOW_INSERT_AUTO_ID}): its keys are its own (a migration with --auto-id regenerate).
   */
  public boolean keysRegenerated(CollectionSchema source, CollectionSchema target) {
    FieldSchema sourcePk = primaryKey(source);
    FieldSchema targetPk = primaryKey(target);
    return sourcePk != null && targetPk != null && sourcePk.getAutoId() && targetPk.getAutoId()
        && !"true".equalsIgnoreCase(target.getProperties().get(ALLOW_INSERT_AUTO_ID));
  }

  /** A shard count of 0 is what a server that does not report shards answers (Milvus Lite 2.4 and 2.5). */
  private void compareCollection(CollectionSchema source, CollectionSchema target, List<String> out) {
    attribute("Collection", "description", source, target, CollectionSchema::getDescription, out);
    attribute("Collection", "enable_dynamic_field", source, target, CollectionSchema::getEnableDynamicField, out);
    if (source.getShardsNum() != 0 && target.getShardsNum() != 0) {
      attribute("Collection", "shards_num", source, target, CollectionSchema::getShardsNum, out);
    }
    if (compareConsistencyLevel.getAsBoolean()) {
      attribute("Collection", "consistency_level", source, target, CollectionSchema::getConsistencyLevel, out);
    }
    attribute("Collection", "num_partitions", source, target, CollectionSchema::getNumPartitions, out);
    attribute("Collection", "partitions", source, target, s -> new TreeSet<>(s.getPartitions()), out);
  }

  private void compareFields(CollectionSchema source, CollectionSchema target, List<String> out) {
    Map<String, FieldSchema> sourceFields = byName(source.getFields(), FieldSchema::getName);
    Map<String, FieldSchema> targetFields = byName(target.getFields(), FieldSchema::getName);
    sourceFields.forEach((name, field) -> {
      FieldSchema other = targetFields.get(name);
      if (other == null) {
        out.add("Field '" + name + "' exists on the source but not on the target.");
      } else {
        compareField(field, other, out);
      }
    });
    targetFields.keySet().stream().filter(name -> !sourceFields.containsKey(name))
        .forEach(name -> out.add("Field '" + name + "' exists on the target but not on the source."));
  }

  private static void compareField(FieldSchema source, FieldSchema target, List<String> out) {
    String subject = "Field '" + source.getName() + "'";
    attribute(subject, "description", source, target, FieldSchema::getDescription, out);
    attribute(subject, "data_type", source, target, FieldSchema::getDataType, out);
    attribute(subject, "element_type", source, target, FieldSchema::getElementType, out);
    if (!elementLengthUnreported(source)) {
      attribute(subject, "max_length", source, target, FieldSchema::getMaxLength, out);
    }
    attribute(subject, "max_capacity", source, target, FieldSchema::getMaxCapacity, out);
    attribute(subject, "dim", source, target, FieldSchema::getDim, out);
    attribute(subject, "is_primary_key", source, target, FieldSchema::getIsPrimaryKey, out);
    if (!(source.getIsPrimaryKey() && source.getAutoId() && !target.getAutoId())) {
      attribute(subject, "auto_id", source, target, FieldSchema::getAutoId, out);
    }
    attribute(subject, "nullable", source, target, FieldSchema::getNullable, out);
    attribute(subject, "default_value", source, target, f -> render(f.getDefaultValue()), out);
    attribute(subject, "is_partition_key", source, target, FieldSchema::getIsPartitionKey, out);
    attribute(subject, "is_clustering_key", source, target, FieldSchema::getIsClusteringKey, out);
    attribute(subject, "is_dynamic", source, target, FieldSchema::getIsDynamic, out);
    attribute(subject, "is_function_output", source, target, FieldSchema::getIsFunctionOutput, out);
    entries(subject + ": type parameter", source.getTypeParams(), target.getTypeParams(), out);
  }

  private static void compareFunctions(CollectionSchema source, CollectionSchema target, List<String> out) {
    Map<String, FunctionSchema> sourceFunctions = byName(source.getFunctions(), FunctionSchema::getName);
    Map<String, FunctionSchema> targetFunctions = byName(target.getFunctions(), FunctionSchema::getName);
    sourceFunctions.forEach((name, function) -> {
      FunctionSchema other = targetFunctions.get(name);
      if (other == null) {
        out.add("Function '" + name + "' exists on the source but not on the target.");
        return;
      }
      String subject = "Function '" + name + "'";
      attribute(subject, "description", function, other, FunctionSchema::getDescription, out);
      attribute(subject, "type", function, other, FunctionSchema::getType, out);
      attribute(subject, "input fields", function, other, FunctionSchema::getInputFieldNames, out);
      attribute(subject, "output fields", function, other, FunctionSchema::getOutputFieldNames, out);
      entries(subject + ": parameter", function.getParams(), other.getParams(), out);
    });
    targetFunctions.keySet().stream().filter(name -> !sourceFunctions.containsKey(name))
        .forEach(name -> out.add("Function '" + name + "' exists on the target but not on the source."));
  }

  private static void compareProperties(Map<String, String> source, Map<String, String> target, List<String> out) {
    Map<String, String> sourceProps = new LinkedHashMap<>(source);
    Map<String, String> targetProps = new LinkedHashMap<>(target);
    if (!sourceProps.containsKey(ALLOW_INSERT_AUTO_ID)) {
      targetProps.remove(ALLOW_INSERT_AUTO_ID);
    }
    entries("Collection property", sourceProps, targetProps, out);
  }

  private static <T> void attribute(String subject, String attribute, T source, T target, Function<T, Object> value,
      List<String> out) {
    Object sourceValue = value.apply(source);
    Object targetValue = value.apply(target);
    if (!Objects.equals(sourceValue, targetValue)) {
      out.add(subject + ": " + attribute + " is " + shown(sourceValue) + " on the source but " + shown(targetValue)
          + " on the target.");
    }
  }

  private static void entries(String subject, Map<String, String> source, Map<String, String> target,
      List<String> out) {
    TreeSet<String> keys = new TreeSet<>(source.keySet());
    keys.addAll(target.keySet());
    for (String key : keys) {
      String sourceValue = source.get(key);
      String targetValue = target.get(key);
      if (!Objects.equals(sourceValue, targetValue)) {
        out.add(subject + " '" + key + "' is " + shown(sourceValue) + " on the source but " + shown(targetValue)
            + " on the target.");
      }
    }
  }

  private static String shown(Object value) {
    if (value == null) {
      return "unset";
    }
    return value.toString().isEmpty() ? "empty" : value.toString();
  }

  private static Object render(Object defaultValue) {
    if (defaultValue instanceof ByteBuffer bytes) {
      return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }
    return defaultValue;
  }

  private static FieldSchema primaryKey(CollectionSchema schema) {
    return schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).findFirst().orElse(null);
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    Map<String, T> map = new LinkedHashMap<>();
    items.forEach(item -> map.put(name.apply(item), item));
    return map;
  }
}
