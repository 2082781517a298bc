package dev.milvusmigrate.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckedKeysTest {

  private static final ConfigKey<String> KAFKA = ConfigKey.hostPorts("kafka.bootstrap", null, "Kafka.");
  private static final ConfigKey<String> OTHER_KAFKA = ConfigKey.hostPorts("wal.bootstrap", "", "Another Kafka.");

  private final ConfigLoader loader = new ConfigLoader(ConfigSpec.combining("test-service", List.of(KAFKA, OTHER_KAFKA),
      EndpointKeys.SOURCE.keys()));

  @Test
  void acceptsHostPortListsAndMilvusAddresses() {
    Config config = loader.load(Map.of("kafka.bootstrap", "kafka:9092, 10.0.0.5:9094,[::1]:9092",
        "source.uri", "https://milvus-source:19530"), Map.of(), Map.of());

    assertThat(config.get(KAFKA)).isEqualTo("kafka:9092, 10.0.0.5:9094,[::1]:9092");
    assertThat(config.get(OTHER_KAFKA)).isEmpty();
    assertThat(EndpointKeys.SOURCE.endpoint(config).label()).isEqualTo("https://milvus-source:19530");
  }

  @Test
  void nonNumericOrOutOfRangePortNamesTheKeyAndTheForm() {
    for (String bad : List.of("kafka:abc", "kafka", "kafka:9092,", "kafka:70000", "PLAINTEXT://kafka:9092")) {
      assertThatThrownBy(() -> loader.load(Map.of("kafka.bootstrap", bad, "source.uri", "http://s:19530"), Map.of(),
          Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessage("Setting 'kafka.bootstrap' has an invalid value '" + bad
              + "': expected host:port pairs separated by commas, e.g. kafka:9092.");
    }
  }

  @Test
  void aMilvusAddressWithANonNumericPortIsRejectedAtLoad() {
    assertThatThrownBy(() -> loader.load(Map.of("kafka.bootstrap", "k:1", "source.uri", "http://milvus:abc"), Map.of(),
        Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Setting 'source.uri' has an invalid value 'http://milvus:abc': expected an address such as"
            + " http://host:19530 or https://host:19530.");
  }

  @Test
  void anEmptyRequiredValueIsMissingNotInvalid() {
    assertThatThrownBy(() -> loader.load(Map.of("kafka.bootstrap", " ", "source.uri", "http://s:19530"), Map.of(),
        Map.of()))
        .hasMessageStartingWith("Missing required setting 'kafka.bootstrap'");
  }
}
