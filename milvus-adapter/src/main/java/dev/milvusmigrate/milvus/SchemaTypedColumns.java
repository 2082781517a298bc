package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.NullBitmap;
import io.milvus.grpc.FieldData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns of a logged insert, typed by the collection's schema and not by what the writing
 * client happened to put in the record: pymilvus leaves the array element type and field ids out,
 * clients differ on vector dimensions, dynamic flags and null markers, and Milvus 2.3 logs the
 * record as the client sent it. What the record leaves out comes from the schema; what it says
 * differently fails with a {@link SchemaMismatch}. One column per schema field, in schema order,
 * the dynamic field last; function outputs only when logged.
 */
final class SchemaTypedColumns {

  private final CollectionSchema schema;
  private final LoggedFieldMatch match;
  private final LoggedFieldCheck check;

  private SchemaTypedColumns(CollectionSchema schema) {
    this.schema = schema;
    this.match = new LoggedFieldMatch(schema);
    this.check = new LoggedFieldCheck(schema);
  }

  static List<Column> read(List<FieldData> logged, CollectionSchema schema, int rows) {
    return new SchemaTypedColumns(schema).read(logged, rows);
  }

  private List<Column> read(List<FieldData> logged, int rows) {
    Map<FieldSchema, FieldData> matched = match.match(logged);
    List<Column> columns = new ArrayList<>();
    for (FieldSchema field : match.fields()) {
      FieldData data = matched.get(field);
      if (data != null) {
        columns.add(typed(data, field, rows));
      } else if (!field.getIsFunctionOutput()) {
        columns.add(missing(field, rows));
      }
    }
    return columns;
  }

  private Column typed(FieldData data, FieldSchema field, int rows) {
    ColumnType type = ColumnType.of(field);
    check.requireFits(data, type);
    Column column = FieldDataCodec.toColumn(data, type);
    if (Columns.rowCount(column) != rows) {
      throw new SchemaMismatch(schema, "field '" + field.getName() + "' holds " + Columns.rowCount(column)
          + " rows but the insert has " + rows);
    }
    return column.getValidity() == null || field.getNullable() && field.getDefaultValue() == null ? column
        : withoutNulls(column, field);
  }

  /** Nulls in a field that has a default value take it, as the server does; elsewhere they are refused. */
  private Column withoutNulls(Column column, FieldSchema field) {
    if (field.getDefaultValue() != null) {
      return FilledColumns.defaultsForNulls(column, field);
    }
    boolean[] valid = NullBitmap.toValid(column.getValidity(), Columns.rowCount(column));
    int row = 0;
    while (valid[row]) {
      row++;
    }
    throw new SchemaMismatch(schema, "row " + row + " of field '" + field.getName()
        + "' is null, but the field is not nullable and has no default value");
  }

  private Column missing(FieldSchema field, int rows) {
    if (field.getIsDynamic()) {
      return FilledColumns.emptyObjects(field, rows);
    }
    if (field.getDefaultValue() != null) {
      return FilledColumns.defaults(field, rows);
    }
    if (field.getNullable()) {
      return FilledColumns.nulls(field, rows);
    }
    throw new SchemaMismatch(schema, "the record has no column for field '" + field.getName()
        + "', which is not nullable and has no default value");
  }
}
