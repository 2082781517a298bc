package dev.milvusmigrate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.milvusmigrate.console.ConsoleHttp.Reply;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console over real HTTP, on the real broker, with the services deployed next to it running
 * a real offline job between two Milvus Lite servers: submitted, followed and reported through
 * the API and its event stream alone.
 */
@ExtendWith({MilvusLiteExtension.class, KafkaBrokerExtension.class})
class ConsoleApiIT {

  private static MilvusLiteServer target;

  @BeforeAll
  static void startTarget() {
    target = MilvusLiteServer.start(PythonMilvusEnvironment.shared());
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  @Test
  void anOfflineJobSubmittedOverHttpEndsSuccessfulWithItsProgressVerificationAndEvents(MilvusLiteServer source)
      throws IOException {
    String prefix = ConsoleFixtures.unique("console");
    String collection = ConsoleFixtures.unique("books");
    PyMilvus.shared().run(PyMilvus.script("lite_collections.py"), Duration.ofMinutes(3), "create", "--uri",
        source.uri(), "--collection", collection, "--rows", "120");
    try (ConsoleFixtures.Services services = new ConsoleFixtures.Services(prefix, source.uri(), target.uri());
        ConsoleServer console = ConsoleFixtures.console(prefix)) {
      ConsoleHttp http = new ConsoleHttp(console.port());
      List<String> events = http.events(ConsoleFixtures.READER);

      Reply submitted = http.post("/v2/jobs", ConsoleFixtures.OPERATOR, "{\"mode\": \"offline\", \"jobId\": \"" + prefix
          + "\", \"source\": \"" + source.uri() + "\", \"target\": \"" + target.uri()
          + "\", \"database\": \"default\", \"collections\": [\"" + collection + "\"]}");

      assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
      assertThat(submitted.raw().headers().firstValue("Location")).contains("/v2/jobs/" + prefix);
      await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> assertThat(http.get("/v2/jobs/" + prefix, ConsoleFixtures.READER)
          .json().path("state").asText()).isEqualTo("SUCCESSFUL"));
      JsonNode job = http.get("/v2/jobs/" + prefix, ConsoleFixtures.READER).json();
      assertThat(job.get("mode").asText()).isEqualTo("OFFLINE");
      assertThat(job.get("source").asText()).isEqualTo(source.uri());
      assertThat(job.get("target").asText()).isEqualTo(target.uri());
      assertThat(job.get("percent").asDouble()).isEqualTo(100.0);
      assertThat(job.get("startedAt").asText()).isNotEmpty();
      assertThat(job.get("endedAt").asText()).isNotEmpty();
      JsonNode copied = job.get("collections").get(0);
      assertThat(copied.get("collection").asText()).isEqualTo(collection);
      assertThat(copied.get("rowsCopied").asLong()).isEqualTo(120);
      assertThat(copied.get("rowsTotal").asLong()).isEqualTo(120);
      JsonNode report = job.get("verification").get(0);
      assertThat(report.get("collection").asText()).isEqualTo(collection);
      assertThat(report.get("passed").asBoolean()).isTrue();
      assertThat(report.get("targetCount").asLong()).isEqualTo(120);
      assertThat(http.get("/v2/jobs", ConsoleFixtures.READER).json().get("jobs")).anySatisfy(listed ->
          assertThat(listed.get("jobId").asText()).isEqualTo(prefix));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(String.join("\n", events))
          .contains("event: job").containsPattern("data: \\{\"jobId\":\"" + prefix + "\".*\"state\":\"SUCCESSFUL\""));

      Reply cancelEnded = http.post("/v2/jobs/" + prefix + "/cancel", ConsoleFixtures.OPERATOR, "{}");
      assertThat(cancelEnded.status()).isEqualTo(409);
      assertThat(cancelEnded.contentType()).startsWith("application/problem+json");
      assertThat(cancelEnded.json().get("detail").asText()).isEqualTo("Job '" + prefix
          + "' already ended SUCCESSFUL: there is nothing to cancel.");
      Reply again = http.post("/v2/jobs", ConsoleFixtures.OPERATOR, "{\"mode\": \"offline\", \"jobId\": \"" + prefix
          + "\", \"source\": \"" + source.uri() + "\", \"target\": \"" + target.uri() + "\", \"database\": \"default\"}");
      assertThat(again.status()).isEqualTo(409);
      assertThat(again.json().get("detail").asText()).startsWith("Job '" + prefix + "' already exists");
    }
  }

  /**
   * A zero-downtime job whose capture and sink are not deployed stays running, which is all stop-sync and
   * cancel need: the console refuses stop-sync without the confirmation, then writes each command to the
   * control topic. The job names one database, which the submitted job keeps (it syncs that one only).
   */
  @Test
  void stopSyncNeedsTheConfirmationAndControlRequestsReachTheControlTopic() throws IOException {
    String prefix = ConsoleFixtures.unique("console");
    try (LagMonitorService lagMonitor = ConsoleFixtures.lagMonitor(prefix); ConsoleServer console = ConsoleFixtures.console(prefix)) {
      ConsoleHttp http = new ConsoleHttp(console.port());
      Reply submitted = http.post("/v2/jobs", ConsoleFixtures.OPERATOR, "{\"mode\": \"zero-downtime\", \"jobId\": \"" + prefix
          + "\", \"source\": \"http://source.example:19530\", \"target\": \"http://target.example:19530\","
          + " \"database\": \"shop\"}");
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
      assertThat(TopicReader.readAll(KafkaBroker.shared().bootstrapServers(), new TopicNames(prefix).jobs(),
          JobSpec.class)).extracting(r -> r.value().getDatabase()).containsExactly("shop");
      await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(http.get("/v2/jobs/" + prefix, ConsoleFixtures.READER)
          .status()).isEqualTo(200));

      Reply unconfirmed = http.post("/v2/jobs/" + prefix + "/stop-sync", ConsoleFixtures.OPERATOR, "{}");
      Reply confirmed = http.post("/v2/jobs/" + prefix + "/stop-sync", ConsoleFixtures.OPERATOR,
          "{\"confirmWritesStopped\": true}");
      Reply canceled = http.post("/v2/jobs/" + prefix + "/cancel", ConsoleFixtures.OPERATOR, "{}");

      assertThat(unconfirmed.status()).isEqualTo(400);
      assertThat(unconfirmed.contentType()).startsWith("application/problem+json");
      assertThat(unconfirmed.json().get("detail").asText()).isEqualTo("Stop the applications' writes to the source"
          + " first, then send {\"confirmWritesStopped\": true}: changes made after the fence would not reach the"
          + " target.");
      assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(202);
      assertThat(canceled.status()).as(canceled.body()).isEqualTo(202);
      List<ControlCommand> commands = TopicReader.readAll(KafkaBroker.shared().bootstrapServers(),
          new TopicNames(prefix).control(), ControlCommand.class).stream().map(r -> r.value()).toList();
      assertThat(commands).extracting(ControlCommand::getType, ControlCommand::getWritesStoppedConfirmed)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(CommandType.STOP_SYNC, true),
              org.assertj.core.groups.Tuple.tuple(CommandType.CANCEL, false));
      assertThat(commands).allSatisfy(c -> assertThat(c.getJobId()).isEqualTo(prefix));
    }
  }

  @Test
  void everyRequestWithoutAValidTokenIsRefusedAndReadTokensOnlyRead() {
    String prefix = ConsoleFixtures.unique("console");
    try (ConsoleServer console = ConsoleFixtures.console(prefix)) {
      ConsoleHttp http = new ConsoleHttp(console.port());
      String job = "{\"mode\": \"offline\", \"source\": \"http://a:19530\", \"target\": \"http://b:19530\","
          + " \"database\": \"default\"}";

      for (String path : List.of("/", "/app.js", "/v2/jobs", "/v2/jobs/x", "/openapi.json", "/v2/events")) {
        Reply refused = http.get(path, null);
        assertThat(refused.status()).as(path).isEqualTo(401);
        assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
        assertThat(http.get(path, "not-a-token").status()).as(path).isEqualTo(401);
      }
      assertThat(http.get("/", null).raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
          assertThat(value).startsWith("Basic "));
      assertThat(http.post("/v2/jobs", null, job).status()).isEqualTo(401);
      Reply readOnly = http.post("/v2/jobs", ConsoleFixtures.READER, job);
      assertThat(readOnly.status()).isEqualTo(403);
      assertThat(readOnly.json().get("detail").asText()).isEqualTo("This token may only read: submitting, stopping"
          + " and canceling jobs needs an operator token.");
      assertThat(http.get("/v2/jobs", ConsoleFixtures.READER).json().get("jobs")).isEmpty();
      Reply page = http.send(http.request("/", null).header("Authorization", "Basic " + java.util.Base64.getEncoder()
          .encodeToString(("anyone:" + ConsoleFixtures.READER).getBytes(java.nio.charset.StandardCharsets.UTF_8))).GET());
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("<script src=\"/app.js\"");

      Reply form = http.send(http.request("/v2/jobs", ConsoleFixtures.OPERATOR).header("Content-Type",
          "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString("mode=offline")));
      assertThat(form.status()).isEqualTo(403);
      assertThat(form.json().get("detail").asText()).isEqualTo("A control request needs a JSON body (Content-Type:"
          + " application/json).");
      Reply otherSite = http.send(http.request("/v2/jobs", ConsoleFixtures.OPERATOR).header("Content-Type", "application/json")
          .header("Origin", "https://evil.example").POST(java.net.http.HttpRequest.BodyPublishers.ofString(job)));
      assertThat(otherSite.status()).isEqualTo(403);
      assertThat(TopicReader.readAll(KafkaBroker.shared().bootstrapServers(), new TopicNames(prefix).jobs(),
          dev.milvusmigrate.schemas.avro.JobSpec.class)).as("jobs submitted").isEmpty();

      Reply unknown = http.get("/v2/jobs/nosuchjob", ConsoleFixtures.READER);
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.json().get("detail").asText()).isEqualTo("No job 'nosuchjob' on Kafka at "
          + KafkaBroker.shared().bootstrapServers() + " under prefix " + prefix + ": GET /v2/jobs lists the jobs.");
      Reply noMode = http.post("/v2/jobs", ConsoleFixtures.OPERATOR, "{}");
      assertThat(noMode.status()).isEqualTo(400);
      assertThat(noMode.json().get("detail").asText()).isEqualTo("Give the job's mode: \"offline\" or"
          + " \"zero-downtime\".");
    }
  }

  /** The OpenAPI document the console serves names exactly the routes it serves. */
  @Test
  void theOpenApiDocumentNamesEveryRouteAndNothingElse() {
    try (ConsoleServer console = ConsoleFixtures.console(ConsoleFixtures.unique("console"))) {
      ConsoleHttp http = new ConsoleHttp(console.port());
      JsonNode paths = http.get("/openapi.json", ConsoleFixtures.READER).json().get("paths");
      List<ConsoleServer.Route> documented = new ArrayList<>();
      paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
          documented.add(new ConsoleServer.Route(method, path.getKey()))));

      assertThat(documented).containsExactlyInAnyOrderElementsOf(console.routes());
      for (ConsoleServer.Route route : documented) {
        String path = route.path().replace("{jobId}", "nosuchjob");
        Reply reply = route.method().equals("get") && !path.equals("/v2/events") ? http.get(path, ConsoleFixtures.OPERATOR)
            : route.method().equals("post") ? http.post(path, ConsoleFixtures.OPERATOR, "{}") : null;
        if (reply != null) {
          assertThat(reply.body()).as(route.toString()).doesNotContain("No such page or route");
        }
      }
      assertThat(http.get("/v2/nothing", ConsoleFixtures.READER).json().get("detail").asText()).startsWith("No such page or route");
    }
  }
}
