package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docker-compose.yml and the services' config declarations cannot drift apart. */
class DockerComposeTest {

  private static final String PREFIX = "MILVUS_MIGRATE_";

  private final JsonNode services = readServices();

  @Test
  void everyServiceRunsInComposeWithOnlyDeclaredVariablesAndAllRequiredOnes() {
    for (ConfigSpec spec : ConfigurationDoc.SERVICES) {
      JsonNode environment = services.path(spec.service()).path("environment");
      assertThat(environment.isObject()).as("docker-compose.yml sets the environment of %s as a map", spec.service())
          .isTrue();
      Set<String> declared = spec.keys().stream().map(ConfigKey::envName).collect(Collectors.toSet());

      assertThat(variables(environment)).as("MILVUS_MIGRATE_* variables of %s in docker-compose.yml", spec.service())
          .isNotEmpty().isSubsetOf(declared);
      assertThat(variables(environment)).as("required settings of %s in docker-compose.yml", spec.service())
          .containsAll(requiredVariables(spec));
    }
  }

  @Test
  void captureReadsTheLogOfTheSourceMilvusOnTheComposeKafka() {
    JsonNode source = services.path("milvus-source").path("environment");
    JsonNode capture = services.path("cdc-capture").path("environment");

    assertThat(source.path("MQ_TYPE").asText()).isEqualTo("kafka");
    assertThat(capture.path("MILVUS_MIGRATE_CAPTURE_WAL_BOOTSTRAP").asText())
        .isEqualTo(source.path("KAFKA_BROKERLIST").asText());
    assertThat(capture.path("MILVUS_MIGRATE_CAPTURE_WAL_PREFIX").asText()).isNotBlank();
  }

  private static List<String> variables(JsonNode environment) {
    List<String> names = new ArrayList<>();
    environment.fieldNames().forEachRemaining(name -> {
      if (name.startsWith(PREFIX)) {
        names.add(name);
      }
    });
    return names;
  }

  private static List<String> requiredVariables(ConfigSpec spec) {
    return spec.keys().stream().filter(key -> key.defaultText().isEmpty()).map(ConfigKey::envName).toList();
  }

  private static JsonNode readServices() {
    try {
      return new YAMLMapper().readTree(Path.of("..", "docker-compose.yml").toFile()).path("services");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
