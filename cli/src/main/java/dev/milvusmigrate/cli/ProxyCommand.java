package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.proxy.PassThroughServer;
import dev.milvusmigrate.proxy.ProxyConfig;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "proxy", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = {"Runs the capture-proxy in the foreground until Ctrl-C: applications connect to --listen instead"
        + " of the source, and every call is forwarded to the source unchanged. Each insert, upsert and delete the"
        + " source acknowledged is recorded in the topic <prefix>.proxy.<proxy.source-id>.changes on --kafka before"
        + " the application gets the answer, and printed; if it cannot be recorded, the application gets UNAVAILABLE.",
        "The settings of bin/capture-proxy apply (docs/CONFIGURATION.md); the options below win over them."})
final class ProxyCommand extends CliCommand {

  private static final long POLL_MILLIS = 200;

  @Option(names = "--source", paramLabel = "URI", description = "The source Milvus, e.g. http://milvus:19530"
      + " (env MILVUS_MIGRATE_SOURCE_URI).")
  String source;

  @Option(names = "--target", paramLabel = "URI", description = "The target Milvus the proxy serves after a cutover"
      + " (milvus-migrate cutover), e.g. http://target:19530 (env MILVUS_MIGRATE_TARGET_URI); without it a cutover"
      + " through this proxy is refused.")
  String target;

  @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Where the applications connect"
      + " (default 0.0.0.0:19530).")
  String listen;

  @Option(names = "--tls-cert", paramLabel = "FILE", description = "Certificate chain (PEM) of the proxy's own TLS.")
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Private key (PEM, PKCS#8) of --tls-cert.")
  String tlsKey;

  @Option(names = "--source-id", paramLabel = "ID", description = "Name of the source in the proxy's topic"
      + " <prefix>.proxy.<ID>.changes; the zdm job's --proxy-source-id (default source).")
  String sourceId;

  @Option(names = "--standby", description = "Stand by without listening until the instance serving the same"
      + " --source-id falls silent (proxy.takeover-after, default 5 s), then take over, fencing it. Without it the"
      + " proxy takes over at once, and an instance serving before stops serving.")
  boolean standby;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = out();
    ProxyConfig config = config();
    try (CtrlC ctrlC = new CtrlC(); PassThroughServer proxy = start(config, out)) {
      out.println("Forwarding the Milvus API from port " + proxy.port() + " to " + config.source()
          + ", recording the writes in " + config.changesTopic() + "; Ctrl-C stops.");
      out.flush();
      while (!ctrlC.pressed() && !proxy.fenced()) {
        Thread.sleep(POLL_MILLIS);
      }
      if (proxy.fenced()) {
        throw new CliFailure(ExitCode.FAILED, "Another capture-proxy for source '" + config.sourceId() + "' took over, so this one"
            + " stopped serving; run it again with --standby to stand by for that one.");
      }
    }
    return ExitCode.SUCCESSFUL;
  }

  private static void print(PrintWriter out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  private ProxyConfig config() {
    Map<String, String> file = ConfigFiles.readKeysOf(ProxyConfig.SPEC, kafka.config);
    if (source == null && !root.env().containsKey("MILVUS_MIGRATE_SOURCE_URI") && !file.containsKey("source.uri")) {
      throw CliFailure.badInput("Missing the source address: give --source URI or set MILVUS_MIGRATE_SOURCE_URI.");
    }
    if (kafka.kafka == null && !root.env().containsKey("MILVUS_MIGRATE_KAFKA_BOOTSTRAP")
        && !file.containsKey("kafka.bootstrap")) {
      throw CliFailure.badInput("Missing Kafka, where the proxy records every write before answering it: give"
          + " --kafka BOOTSTRAP or set MILVUS_MIGRATE_KAFKA_BOOTSTRAP.");
    }
    Map<String, String> overrides = new HashMap<>();
    overrides.put("kafka.bootstrap", kafka.kafka);
    overrides.put("kafka.topic-prefix", kafka.topicPrefix);
    overrides.put("source.uri", source);
    overrides.put("target.uri", target);
    overrides.put("proxy.listen", listen);
    overrides.put("proxy.tls.cert", tlsCert);
    overrides.put("proxy.tls.key", tlsKey);
    overrides.put("proxy.source-id", sourceId);
    overrides.put("proxy.standby", standby ? "true" : null);
    overrides.values().removeIf(value -> value == null);
    try {
      return ProxyConfig.of(file, root.env(), overrides);
    } catch (ConfigException | IllegalArgumentException e) {
      throw CliFailure.badInput(e.getMessage());
    }
  }

  private static PassThroughServer start(ProxyConfig config, PrintWriter out) {
    try {
      return PassThroughServer.startRecording(config, write -> print(out, WriteLine.of(write)),
          () -> print(out, "A write the source acknowledged could not be read (see the log)."));
    } catch (IllegalStateException e) {
      throw CliFailure.badInput(e.getMessage());
    }
  }
}
