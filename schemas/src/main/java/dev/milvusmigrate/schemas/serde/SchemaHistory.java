package dev.milvusmigrate.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The earlier versions of a contract that records still on topics and in state stores were written
 * with, kept as resources {@code history/<Record>.<n>.avsc} (the whole parsed schema, numbered from
 * 1), so every reader resolves them to the current record without being told.
 */
final class SchemaHistory {

  private SchemaHistory() {}

  static List<Schema> of(Class<?> type) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      try (InputStream in = SchemaHistory.class.getResourceAsStream(
          "/dev/milvusmigrate/schemas/history/" + type.getSimpleName() + "." + version + ".avsc")) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read version " + version + " of the " + type.getSimpleName()
            + " schema", e);
      }
    }
  }
}
