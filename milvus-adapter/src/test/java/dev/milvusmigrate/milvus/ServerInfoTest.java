package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerInfoTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "v2.2.16-lite      | false",
      "v2.2.0            | false",
      "v2.3.5-lite       | true",
      "v2.6.3            | true",
      "milvus_lite-3.2.2 | true",
      "unknown version   | true"})
  void milvusBefore23HasNoUpsertNoCountStarAndReadsNoVectorsForStar(String version, boolean modern) {
    ServerInfo server = new ServerInfo(version, false, false);

    assertThat(server.upserts()).isEqualTo(modern);
    assertThat(server.countsWithCountStar()).isEqualTo(modern);
    assertThat(server.starReadsVectors()).isEqualTo(modern);
  }
}
