package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import io.milvus.grpc.IndexDescription;
import io.milvus.grpc.KeyValuePair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexParamsTest {

  private static final String PARAMS =
      "{\"nlist\": 64, \"M\": 16, \"ratio\": 0.5, \"name\": \"x\", \"flag\": true, \"nested\": {\"a\": [1, 2.5, \"b\"]}}";

  @Test
  void describedIndexIsCreatedWithItsPairsVerbatimTypesIncluded() {
    List<KeyValuePair> pairs = List.of(pair("index_type", "HNSW"), pair("metric_type", "L2"), pair("params", PARAMS),
        pair("extra", "7"));
    IndexSpec spec = IndexParams.fromDescription(description(pairs));

    assertThat(IndexParams.toPairs(spec)).isEqualTo(pairs);
    String sent = KeyValues.toMap(IndexParams.toPairs(spec)).get("params");
    assertThat(JsonParser.parseString(sent)).isEqualTo(JsonParser.parseString(PARAMS));
    assertThat(JsonParser.parseString(sent).getAsJsonObject().get("nlist").getAsJsonPrimitive().isNumber()).isTrue();
    assertThat(JsonParser.parseString(sent).getAsJsonObject().get("flag").getAsJsonPrimitive().isBoolean()).isTrue();
  }

  @Test
  void describedIndexStillReadsAsText() {
    IndexSpec spec = IndexParams.fromDescription(description(List.of(pair("index_type", "HNSW"),
        pair("metric_type", "L2"), pair("params", PARAMS), pair("extra", "7"))));

    assertThat(spec.indexType()).isEqualTo("HNSW");
    assertThat(spec.metricType()).isEqualTo("L2");
    assertThat(spec.params()).containsEntry("nlist", "64").containsEntry("ratio", "0.5").containsEntry("name", "x")
        .containsEntry("flag", "true").containsEntry("nested", "{\"a\":[1,2.5,\"b\"]}").containsEntry("extra", "7");
  }

  @Test
  void specBuiltHereIsCreatedFromItsParts() {
    IndexSpec spec = new IndexSpec("v", "v", "AUTOINDEX", "COSINE", Map.of("M", "16"));

    assertThat(KeyValues.toMap(IndexParams.toPairs(spec))).containsExactly(Map.entry("index_type", "AUTOINDEX"),
        Map.entry("metric_type", "COSINE"), Map.entry("params", "{\"M\":\"16\"}"));
  }

  private static IndexDescription description(List<KeyValuePair> pairs) {
    return IndexDescription.newBuilder().setFieldName("v").setIndexName("v_idx").addAllParams(pairs).build();
  }

  private static KeyValuePair pair(String key, String value) {
    return KeyValuePair.newBuilder().setKey(key).setValue(value).build();
  }
}
