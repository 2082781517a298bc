package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.Column;
import java.util.List;

/**
 * Rows read from Milvus, one {@link Column} per field in the project's columnar encoding.
 *
 * @param lastPk largest primary key of the page ({@link Long} or {@link String}), null if empty
 * @param payloadBytes approximate encoded size of the columns, for batching by bytes
 */
public record Page(List<Column> columns, int rowCount, Object firstPk, Object lastPk, long payloadBytes) {

  public Page {
    columns = List.copyOf(columns);
  }

  public boolean isEmpty() {
    return rowCount == 0;
  }
}
