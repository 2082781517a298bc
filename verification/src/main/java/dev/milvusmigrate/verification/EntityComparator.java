package dev.milvusmigrate.verification;

import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.schemas.avro.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compares the sampled entities read from source and target field by field. */
public final class EntityComparator {

  /** One sampled entity that differs, with the fields that differ ("absent on the target" when the target lacks it). */
  record Mismatch(Object key, List<String> fields) {

    String describe() {
      return "mismatched: " + key + " (" + String.join(", ", fields) + ")";
    }
  }

  private final String primaryKeyField;

  EntityComparator(String primaryKeyField) {
    this.primaryKeyField = primaryKeyField;
  }

  List<Mismatch> compare(Page source, Page target) {
    Map<Object, Integer> targetRows = rowsByKey(target, primaryKeyField);
    List<Object> sourceKeys = keys(source, primaryKeyField);
    List<Mismatch> mismatches = new ArrayList<>();
    for (int row = 0; row < sourceKeys.size(); row++) {
      Object key = sourceKeys.get(row);
      Integer targetRow = targetRows.get(key);
      List<String> fields = targetRow == null ? List.of("absent on the target") : differingFields(source, row, target, targetRow);
      if (!fields.isEmpty()) {
        mismatches.add(new Mismatch(key, fields));
      }
    }
    return mismatches;
  }

  public static List<String> differingFields(Page source, int sourceRow, Page target, int targetRow) {
    List<String> fields = new ArrayList<>();
    for (Column column : source.columns()) {
      Optional<Column> other = target.columns().stream()
          .filter(c -> c.getFieldName().equals(column.getFieldName())).findFirst();
      if (other.isEmpty() || !FieldValueComparator.equal(column, sourceRow, other.get(), targetRow)) {
        fields.add(column.getFieldName());
      }
    }
    return fields;
  }

  /** The row of each key in the page. */
  public static Map<Object, Integer> rowsByKey(Page page, String primaryKeyField) {
    List<Object> keys = keys(page, primaryKeyField);
    Map<Object, Integer> rows = new HashMap<>();
    for (int row = 0; row < keys.size(); row++) {
      rows.put(keys.get(row), row);
    }
    return rows;
  }

  private static List<Object> keys(Page page, String primaryKeyField) {
    if (page.isEmpty()) {
      return List.of();
    }
    return PrimaryKeyColumns.keys(PrimaryKeyColumns.find(page.columns(), primaryKeyField));
  }
}
