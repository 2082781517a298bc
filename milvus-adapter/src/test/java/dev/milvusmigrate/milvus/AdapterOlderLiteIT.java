package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.testkit.milvus.LiteBinaries;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Milvus Lite 2.4.12 and 2.5.1 answer GetVersion, ListDatabases and the partition calls with
 * UNIMPLEMENTED (and CreateAlias too): the session still opens, with one database and one partition per collection,
 * and a call needing what they lack names the call and the missing feature.
 */
class AdapterOlderLiteIT {

  @ParameterizedTest
  @ValueSource(strings = {LiteBinaries.V2_4_12, LiteBinaries.V2_5_1})
  void connectsAndNamesWhatTheServerLacks(String version) {
    MilvusServer server = LiteBinaries.get(version, "adapter");
    String label = MilvusEndpoint.of(server.uri()).label();
    try (MilvusSession session = MilvusConnector.connect(MilvusEndpoint.of(server.uri()))) {
      assertThat(session.server()).isEqualTo(new ServerInfo(ServerInfo.UNKNOWN_VERSION, false, false, false, false));
      MilvusCatalog catalog = session.catalog();
      assertThat(catalog.listDatabases()).containsExactly("default");
      assertThat(catalog.hasAliases()).isFalse();

      String collection = "older_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
      catalog.createCollection("default", SampleSchemas.collection("default", collection,
          SampleSchemas.commonFields(), false));
      CollectionName name = new CollectionName("default", collection);
      assertThat(catalog.describeCollection(name).orElseThrow().getPartitions()).isEqualTo(List.of("_default"));

      assertThatThrownBy(() -> catalog.createDatabase("other"))
          .isInstanceOfSatisfying(MilvusAccessException.class,
              e -> assertThat(e.kind()).isEqualTo(MilvusAccessException.Kind.UNSUPPORTED))
          .hasMessageStartingWith("Milvus at " + label + " could not create database 'other' (it has no databases but"
              + " 'default' (ListDatabases and CreateDatabase are UNIMPLEMENTED)");
      assertThatThrownBy(() -> catalog.createPartition(name, "p1"))
          .hasMessageStartingWith("Milvus at " + label + " could not create partition 'p1' of collection '" + collection
              + "' in database 'default' (it has no partitions (ShowPartitions and CreatePartition are UNIMPLEMENTED)");
      catalog.dropCollection(name);
    }
  }
}
