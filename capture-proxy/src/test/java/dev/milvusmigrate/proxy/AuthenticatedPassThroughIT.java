package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Milvus 2.3.5 source that requires authentication, behind the proxy: the applications'
 * credentials pass through, so the right password works and a wrong one is refused exactly as
 * without the proxy, and everything else (users and roles included) gives the same results.
 */
class AuthenticatedPassThroughIT {

  private static final Logger log = LoggerFactory.getLogger(AuthenticatedPassThroughIT.class);
  private static final String ROOT = "root";
  private static MilvusStandaloneServer source;
  private static PassThroughServer proxy;

  @BeforeAll
  static void start() {
    source = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onRocksMq().withAuthorization());
    proxy = ProxyScripts.proxyTo(source.uri());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    proxy.close();
    source.close();
  }

  @Test
  void theRightPasswordPassesAndAWrongOneIsRefusedAsDirectly() {
    List<String> right = ProxyScripts.run("connect.py", ProxyScripts.uri(proxy), ROOT, StandaloneOptions.ROOT_PASSWORD);
    List<String> wrongDirect = ProxyScripts.run("connect.py", source.uri(), ROOT, "not-the-password");
    List<String> wrongThroughProxy = ProxyScripts.run("connect.py", ProxyScripts.uri(proxy), ROOT, "not-the-password");

    assertThat(right).hasSize(2).first().isEqualTo("{\"client\": \"connected\"}");
    assertThat(right.get(1)).contains("\"grpc\": \"OK\"").contains("\"default\"");
    assertThat(wrongDirect).hasSize(2).noneMatch(line -> line.contains("connected") || line.contains("\"OK\""));
    assertThat(wrongThroughProxy).isEqualTo(wrongDirect);
    log.info("A wrong password, directly and through the proxy: {}", wrongThroughProxy);
  }

  @Test
  void pymilvusGetsTheSameResultsAndErrorsThroughTheProxy() {
    String collection = "fidelity_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    List<String> direct = ProxyScripts.run("fidelity.py", source.uri(), collection, "--user", ROOT, "--password",
        StandaloneOptions.ROOT_PASSWORD);
    List<String> throughProxy = ProxyScripts.run("fidelity.py", ProxyScripts.uri(proxy), collection, "--user", ROOT,
        "--password", StandaloneOptions.ROOT_PASSWORD);

    assertThat(throughProxy).containsExactlyElementsOf(direct);
    log.info("Errors, directly and through the proxy: {}", direct.stream().filter(line -> line.contains("\"error\"")).toList());
    assertThat(direct).anyMatch(line -> line.contains("\"step\": \"describe_role\"") && line.contains("Search"));
  }
}
