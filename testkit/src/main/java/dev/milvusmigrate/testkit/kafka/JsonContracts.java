package dev.milvusmigrate.testkit.kafka;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks JSON records against the JSON Schemas the schemas module ships
 * ({@code dev/milvusmigrate/schemas/json/<Record>.schema.json}, on the test's class path).
 */
public final class JsonContracts {

  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private JsonContracts() {}

  /** What in the JSON text breaks the schema of the named record type; empty when it validates. */
  public static List<String> violations(String recordType, String json) {
    return SCHEMAS.computeIfAbsent(recordType, JsonContracts::load).validate(json, InputFormat.JSON).stream()
        .map(ValidationMessage::getMessage).toList();
  }

  private static JsonSchema load(String recordType) {
    String resource = "/dev/milvusmigrate/schemas/json/" + recordType + ".schema.json";
    try (InputStream in = JsonContracts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No JSON Schema " + resource + " on the class path.");
      }
      return FACTORY.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
