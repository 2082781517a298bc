package dev.milvusmigrate.cli;

import dev.milvusmigrate.console.ConsoleConfig;
import dev.milvusmigrate.console.ConsoleServer;
import dev.milvusmigrate.core.config.ConfigException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "console", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = {"Runs the console in the foreground until Ctrl-C: the jobs page and the REST API"
        + " (/openapi.json) over the job topics on --kafka. It never talks to Milvus: jobs it submits run on the"
        + " services deployed for their servers.",
        "The settings of bin/console apply (docs/CONFIGURATION.md). Without console.operator-tokens and"
        + " console.read-tokens it makes an operator token for this run and prints it."})
final class ConsoleCommand extends CliCommand {

  private static final long POLL_MILLIS = 200;

  @Option(names = "--port", paramLabel = "PORT", description = "Port of the page and the API (default 8090).")
  Integer port;

  @Option(names = "--host", paramLabel = "HOST", description = "Interface to listen on (default 0.0.0.0).")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> file = ConfigFiles.readKeysOf(ConsoleConfig.SPEC, kafka.config);
    if (kafka.kafka == null && !root.env().containsKey("MILVUS_MIGRATE_KAFKA_BOOTSTRAP")
        && !file.containsKey("kafka.bootstrap")) {
      throw CliFailure.badInput("Missing Kafka, whose job topics the console shows: give --kafka BOOTSTRAP or set"
          + " MILVUS_MIGRATE_KAFKA_BOOTSTRAP.");
    }
    Map<String, String> overrides = new HashMap<>();
    overrides.put("kafka.bootstrap", kafka.kafka);
    overrides.put("kafka.topic-prefix", kafka.topicPrefix);
    overrides.put("console.port", port == null ? null : port.toString());
    overrides.put("console.host", host);
    String generated = null;
    if (!hasTokens(file)) {
      generated = ConsoleConfig.newToken();
      overrides.put("console.operator-tokens", generated);
    }
    overrides.values().removeIf(value -> value == null);
    PrintWriter out = out();
    try (CtrlC ctrlC = new CtrlC(); ConsoleServer console = start(file, overrides)) {
      out.println("Console on http://localhost:" + console.port() + "/ (the API: /openapi.json); Ctrl-C stops.");
      if (generated != null) {
        out.println("Operator token for this run: " + generated + " (the browser asks for it as the password, any"
            + " user name; scripts send Authorization: Bearer <token>).");
      }
      out.flush();
      while (!ctrlC.pressed()) {
        Thread.sleep(POLL_MILLIS);
      }
    }
    return ExitCode.SUCCESSFUL;
  }

  private boolean hasTokens(Map<String, String> file) {
    return file.containsKey("console.operator-tokens") || file.containsKey("console.read-tokens")
        || root.env().containsKey("MILVUS_MIGRATE_CONSOLE_OPERATOR_TOKENS")
        || root.env().containsKey("MILVUS_MIGRATE_CONSOLE_READ_TOKENS");
  }

  private ConsoleServer start(Map<String, String> file, Map<String, String> overrides) {
    try {
      return ConsoleServer.start(ConsoleConfig.of(file, root.env(), overrides));
    } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
      throw CliFailure.badInput(e.getMessage());
    }
  }
}
