package dev.milvusmigrate.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.milvusmigrate.console.AccessControl.Grant;
import dev.milvusmigrate.console.JobViews.JobView;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.kafka.KafkaAccessException;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.KafkaSettings;
import dev.milvusmigrate.schemas.ProxyServing;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server (Javalin): the REST API under {@code /v2}, its OpenAPI document at
 * {@code /openapi.json}, live events at {@code /v2/events}, and the web page. Every request needs
 * a token ({@link AccessControl}); a POST needs an operator token and passes {@link CrossSiteCheck}.
 * Errors are {@code application/problem+json} with one sentence.
 */
public final class ConsoleServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String REALM = "milvus-migrate console";

  /** A route of the API, as the OpenAPI document names it. */
  record Route(String method, String path) {}

  private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final List<Route> routes = new ArrayList<>();
  private final List<EventStream> streams = new CopyOnWriteArrayList<>();
  private final AccessControl access;
  private final JobTopics topics;
  private final JobBoard board;
  private final JobCommands commands;
  private final Javalin app;

  private ConsoleServer(ConsoleConfig config, JobTopics topics, JobBoard board, KafkaClients clients) {
    this.access = config.accessControl();
    this.topics = topics;
    this.board = board;
    KafkaSettings kafka = config.kafka();
    this.commands = new JobCommands(kafka, clients, topics, board);
    this.app = Javalin.create(javalin -> {
      javalin.showJavalinBanner = false;
      javalin.jsonMapper(new JavalinJackson(json, false));
      javalin.staticFiles.add(files -> {
        files.hostedPath = "/";
        files.directory = "/console/static";
        files.location = Location.CLASSPATH;
      });
    });
    app.before(this::authorize);
    get("/v2/jobs", ctx -> ctx.json(Map.of("jobs", board.statuses().stream().map(this::summary).toList())));
    get("/v2/jobs/{jobId}", ctx -> ctx.json(detail(ctx.pathParam("jobId"))));
    post("/v2/jobs", this::submit);
    post("/v2/jobs/{jobId}/stop-sync", this::stopSync);
    post("/v2/jobs/{jobId}/cutover", this::cutover);
    post("/v2/jobs/{jobId}/cancel", this::cancel);
    routes.add(new Route("get", "/v2/events"));
    app.sse("/v2/events", this::stream);
    get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
    app.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e));
    app.exception(KafkaAccessException.class, (e, ctx) -> problem(ctx, new ApiProblem(503, "Kafka unavailable",
        e.getMessage())));
    app.exception(Exception.class, (e, ctx) -> {
      log.error("Internal error on {} {}", ctx.method(), ctx.path(), e);
      problem(ctx, new ApiProblem(500, "Internal error", "The console failed on this request (" + e.getClass()
          .getSimpleName() + "): see its log."));
    });
    app.error(404, ctx -> {
      if (!PROBLEM_JSON.equals(ctx.res().getContentType())) {
        problem(ctx, ApiProblem.notFound("No such page or route: " + ctx.method() + " " + ctx.path()
            + " (GET /openapi.json lists the API)."));
      }
    });
    app.error(405, ctx -> problem(ctx, new ApiProblem(405, "Method not allowed", ctx.method() + " is not allowed"
        + " on " + ctx.path() + " (GET /openapi.json lists the API).")));
    board.listen(this::broadcast);
  }

  /** Creates the shared topics if missing, reads the job topics and starts serving on {@code console.host}:{@code console.port}. */
  public static ConsoleServer start(ConsoleConfig config) {
    KafkaSettings kafka = config.kafka();
    KafkaClients clients = kafka.clients();
    JobTopics topics = new JobTopics(clients, kafka.topics(), "milvus-migrate-console");
    // The topics it reads may not exist yet on a fresh installation; the CLI creates them the same way.
    kafka.provisioner(clients).ensureSharedTopics();
    JobBoard board = JobBoard.open(topics);
    try {
      ConsoleServer server = new ConsoleServer(config, topics, board, clients);
      try {
        server.app.start(config.host(), config.port());
      } catch (JavalinBindException e) {
        throw new IllegalStateException("Port " + config.port() + " on " + config.host() + " is in use: stop what"
            + " listens there or set console.port to another port.", e);
      }
      log.info("Console serving on port {}, config: {}", server.port(), config.describe());
      return server;
    } catch (RuntimeException e) {
      closeQuietly(board);
      throw e;
    }
  }

  public int port() {
    return app.port();
  }

  /** The API's routes, for the test that keeps the OpenAPI document true. */
  List<Route> routes() {
    return List.copyOf(routes);
  }

  private void get(String path, Handler handler) {
    routes.add(new Route("get", path));
    app.addHttpHandler(HandlerType.GET, path, handler);
  }

  private void post(String path, Handler handler) {
    routes.add(new Route("post", path));
    app.addHttpHandler(HandlerType.POST, path, handler);
  }

  private void authorize(Context ctx) {
    Grant grant = access.grant(ctx.header("Authorization"));
    if (grant == Grant.NONE) {
      boolean api = ctx.path().startsWith("/v2/") || ctx.path().equals("/openapi.json");
      ctx.header("WWW-Authenticate", api ? "Bearer realm=\"" + REALM + "\"" : "Basic realm=\"" + REALM
          + "\", charset=\"UTF-8\"");
      throw new ApiProblem(401, "Unauthorized", "Send a console token: Authorization: Bearer <token> (or the"
          + " token as the password when the browser asks).");
    }
    if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
      if (grant != Grant.OPERATE) {
        throw new ApiProblem(403, "Forbidden", "This token may only read: submitting, stopping and canceling jobs"
            + " needs an operator token.");
      }
      CrossSiteCheck.refusal(ctx.contentType(), ctx.header("Origin"), ctx.host()).ifPresent(reason -> {
        throw new ApiProblem(403, "Forbidden", reason);
      });
    }
  }

  private JobView summary(JobStatus status) {
    return JobViews.job(status, board.lag(status.getJobId()), board.notification(status.getJobId()), null, null);
  }

  private JobView detail(String job) {
    JobStatus status = commands.known(job);
    return JobViews.job(status, board.lag(job), board.notification(job),
        topics.verificationReports(new JobId(job)), proxyServing(job));
  }

  /** For a job captured by a capture-proxy, which server the proxy serves; null for the others. */
  private String proxyServing(String job) {
    JobSpec spec = topics.jobs().get(job);
    if (spec == null || spec.getCaptureProxy() == null) {
      return null;
    }
    return ProxyServing.describe(job, spec.getCaptureProxy(), spec.getSourceLabel(),
        topics.cutoverOutcomes(spec.getCaptureProxy()).stream().map(ConsumerRecord::value).filter(Objects::nonNull)
            .toList());
  }

  private void submit(Context ctx) {
    String job = commands.submit(body(ctx, JobRequest.class));
    ctx.status(HttpStatus.ACCEPTED).header("Location", "/v2/jobs/" + job).json(Map.of("jobId", job));
  }

  /** The body of stop-sync: the operator's confirmation that the applications stopped writing to the source. */
  record StopSyncRequest(Boolean confirmWritesStopped) {}

  private void stopSync(Context ctx) {
    String job = ctx.pathParam("jobId");
    StopSyncRequest request = body(ctx, StopSyncRequest.class);
    commands.stopSync(job, Boolean.TRUE.equals(request.confirmWritesStopped()), requestedBy(ctx));
    ctx.status(HttpStatus.ACCEPTED).json(Map.of("jobId", job, "requested", "STOP_SYNC"));
  }

  private void cutover(Context ctx) {
    String job = ctx.pathParam("jobId");
    commands.cutover(job, requestedBy(ctx));
    ctx.status(HttpStatus.ACCEPTED).json(Map.of("jobId", job, "requested", "CUTOVER"));
  }

  private void cancel(Context ctx) {
    String job = ctx.pathParam("jobId");
    commands.cancel(job, requestedBy(ctx));
    ctx.status(HttpStatus.ACCEPTED).json(Map.of("jobId", job, "requested", "CANCEL"));
  }

  private static String requestedBy(Context ctx) {
    return "milvus-migrate console (" + ctx.ip() + ")";
  }

  private <T> T body(Context ctx, Class<T> type) {
    String body = ctx.body();
    try {
      return json.readValue(body.isBlank() ? "{}" : body, type);
    } catch (JsonProcessingException e) {
      throw ApiProblem.badRequest("The body is not the JSON this route takes (" + e.getOriginalMessage()
          + "): see GET /openapi.json.");
    }
  }

  private void problem(Context ctx, ApiProblem problem) {
    ctx.status(problem.status()).contentType(PROBLEM_JSON).result(write(problem.body()));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String openApi() {
    try (InputStream in = ConsoleServer.class.getResourceAsStream("/console/openapi.json")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One client of {@code /v2/events}, optionally of one job ({@code ?job=}). */
  private record EventStream(SseClient client, String job) {}

  /**
   * Sends the current state first, so a page needs no second request. Under the lock that
   * {@link #broadcast} holds, so a client gets each job's statuses in the order the board applied
   * them: a status read for the first state can never arrive after a newer broadcast one.
   */
  private void stream(SseClient client) {
    client.keepAlive();
    EventStream stream = new EventStream(client, client.ctx().queryParam("job"));
    client.onClose(() -> streams.remove(stream));
    synchronized (streams) {
      streams.add(stream);
      board.statuses().stream().filter(status -> stream.job() == null || stream.job().equals(status.getJobId()))
          .forEach(status -> client.sendEvent("job", write(summary(status))));
    }
  }

  private void broadcast(SpecificRecordBase record) {
    String event;
    String job;
    Object data;
    if (record instanceof JobStatus status) {
      event = "job";
      job = status.getJobId();
      data = summary(status);
    } else if (record instanceof LagReport report) {
      event = "lag";
      job = report.getJobId();
      data = JobViews.lag(report);
    } else if (record instanceof Notification notification) {
      event = "notification";
      job = notification.getJobId();
      data = JobViews.notification(notification);
    } else {
      return;
    }
    String text = write(data);
    synchronized (streams) {
      send(event, job, text);
    }
  }

  private void send(String event, String job, String text) {
    for (EventStream stream : streams) {
      if (stream.job() == null || stream.job().equals(job)) {
        try {
          stream.client().sendEvent(event, text);
        } catch (RuntimeException e) {
          streams.remove(stream);
        }
      }
    }
  }

  @Override
  public void close() {
    streams.forEach(stream -> stream.client().close());
    app.stop();
    closeQuietly(board);
  }

  private static void closeQuietly(JobBoard board) {
    try {
      board.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
