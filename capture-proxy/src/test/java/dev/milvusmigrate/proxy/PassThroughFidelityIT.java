package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.gson.JsonObject;
import dev.milvusmigrate.milvus.api.AcknowledgedDelete;
import dev.milvusmigrate.milvus.api.AcknowledgedInsert;
import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.exception.MilvusClientException;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.response.QueryResp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Applications cannot tell the proxy is there: the same operations of clients no one here wrote
 * give the same results and the same errors through the proxy as directly against Milvus Lite.
 */
@ExtendWith(MilvusLiteExtension.class)
class PassThroughFidelityIT {

  private final String collection = "fidelity_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final List<AcknowledgedWrite> writes = new CopyOnWriteArrayList<>();
  private PassThroughServer proxy;

  @BeforeEach
  void startProxy(MilvusLiteServer source) {
    proxy = ProxyScripts.proxyTo(source.uri(), writes::add);
  }

  @AfterEach
  void stopProxy() throws InterruptedException {
    proxy.close();
  }

  @Test
  void pymilvusGetsTheSameResultsAndErrorsThroughTheProxy(MilvusLiteServer source) {
    List<String> direct = ProxyScripts.run("fidelity.py", source.uri(), collection);
    List<String> throughProxy = ProxyScripts.run("fidelity.py", ProxyScripts.uri(proxy), collection);

    assertThat(throughProxy).containsExactlyElementsOf(direct);
    assertThat(direct).hasSize(52)
        .anyMatch(line -> line.contains("\"step\": \"query_iterator\"") && line.contains("\"batches\": 16"))
        .contains("{\"result\": [\"in_db\"], \"step\": \"list_collections_in_database\"}")
        .anyMatch(line -> line.contains("\"step\": \"describe_unknown_collection\"") && line.contains("\"code\": 100"))
        .filteredOn(line -> line.contains("\"error\"")).hasSize(4);
  }

  @Test
  void theWritesTheSourceAcknowledgedAreReadOnTheWay(MilvusLiteServer source) {
    ProxyScripts.run("fidelity.py", ProxyScripts.uri(proxy), collection);

    // Not the insert of a vector of the wrong dimension: the source refused it.
    assertThat(writes).extracting(PassThroughFidelityIT::label).containsExactly(
        "insert default." + collection + " [] 100",
        "insert default." + collection + " [p1] 20",
        "upsert default." + collection + " [] 20",
        "delete default." + collection + " [] id in [1,2,3]",
        "delete default." + collection + " [] n >= 700 and n < 735",
        "delete default." + collection + " [] n >= 630 and n < 651",
        "insert " + collection + "_db.in_db [] 5");
    assertThat(((AcknowledgedInsert) writes.get(1)).keys())
        .isEqualTo(new WalKeys.Int64(LongStream.range(100, 120).boxed().toList()));
    // Milvus Lite names the keys a delete removed, a filter's too; its timestamps are 0.
    assertThat(((AcknowledgedDelete) writes.get(3)).keys()).contains(new WalKeys.Int64(List.of(1L, 2L, 3L)));
    assertThat(((AcknowledgedDelete) writes.get(4)).keys())
        .contains(new WalKeys.Int64(List.of(100L, 101L, 102L, 103L, 104L)));
    assertThat(((AcknowledgedDelete) writes.get(5)).keys()).contains(new WalKeys.Int64(List.of(90L, 91L, 92L)));
    assertThat(writes).extracting(AcknowledgedWrite::timestamp).containsOnly(0L);
  }

  @Test
  void theJavaSdkGetsTheSameResultsAndErrorsThroughTheProxy(MilvusLiteServer source) {
    MilvusClientV2 direct = new MilvusClientV2(ConnectConfig.builder().uri(source.uri()).build());
    MilvusClientV2 proxied = new MilvusClientV2(ConnectConfig.builder().uri(ProxyScripts.uri(proxy)).build());
    try {
      proxied.createCollection(CreateCollectionReq.builder().collectionName(collection).dimension(4).build());
      List<JsonObject> rows = new ArrayList<>();
      IntStream.range(0, 30).forEach(key -> {
        JsonObject row = new JsonObject();
        row.addProperty("id", key);
        com.google.gson.JsonArray vector = new com.google.gson.JsonArray();
        IntStream.range(0, 4).forEach(i -> vector.add(key + i / 10f));
        row.add("vector", vector);
        rows.add(row);
      });
      long inserted = proxied.insert(InsertReq.builder().collectionName(collection).data(rows).build()).getInsertCnt();

      assertThat(inserted).isEqualTo(30);
      assertThat(entities(proxied)).hasSize(30).isEqualTo(entities(direct));
      assertThat(proxied.getServerVersion()).isEqualTo(direct.getServerVersion());
      MilvusClientException directError = unknownCollection(direct);
      MilvusClientException proxiedError = unknownCollection(proxied);
      assertThat(proxiedError.getErrorCode()).isEqualTo(directError.getErrorCode());
      assertThat(proxiedError.getMessage()).isEqualTo(directError.getMessage());
    } finally {
      direct.dropCollection(DropCollectionReq.builder().collectionName(collection).build());
      direct.close();
      proxied.close();
    }
  }

  /** {@code kind database.collection [partition] rows-or-filter}. */
  private static String label(AcknowledgedWrite write) {
    String where = write.database() + "." + write.collection() + " [" + write.partition() + "] ";
    if (write instanceof AcknowledgedInsert insert) {
      return (insert.upsert() ? "upsert " : "insert ") + where + insert.rows();
    }
    return "delete " + where + ((AcknowledgedDelete) write).filter();
  }

  private List<Map<String, Object>> entities(MilvusClientV2 client) {
    return client.query(QueryReq.builder().collectionName(collection).filter("id >= 0")
            .outputFields(List.of("id", "vector")).build()).getQueryResults().stream()
        .map(QueryResp.QueryResult::getEntity)
        .sorted(Comparator.comparing(entity -> (Long) entity.get("id")))
        .toList();
  }

  private MilvusClientException unknownCollection(MilvusClientV2 client) {
    return catchThrowableOfType(MilvusClientException.class,
        () -> client.describeCollection(DescribeCollectionReq.builder().collectionName(collection + "_missing").build()));
  }
}
