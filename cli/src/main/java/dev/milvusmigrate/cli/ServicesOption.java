package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.kafka.ServiceAnnouncements;
import dev.milvusmigrate.schemas.avro.JobMode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Whether a migration command runs the services itself or submits to services that run elsewhere. */
final class ServicesOption {

  @Option(names = "--external-services",
      description = "The services already run against --kafka (their own processes, docker compose): only submit"
          + " the job and follow it, start no service here (env MILVUS_MIGRATE_CLI_EXTERNAL_SERVICES=true).")
  boolean external;

  /** The Milvus overrides plus this option, when given (otherwise the environment or file decide). */
  Map<String, String> with(Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(overrides);
    if (external) {
      all.put(CliSettings.EXTERNAL_SERVICES.name(), "true");
    }
    return all;
  }

  /**
   * Reads the services topic and checks the job against it ({@link ServiceAnnouncements}); does
   * nothing unless the services run elsewhere.
   */
  static void checkBeforeSubmitting(CliSettings settings, JobMode mode, MilvusEndpoint source, MilvusEndpoint target,
      PrintWriter out) {
    if (!settings.externalServices()) {
      return;
    }
    ServiceAnnouncements services = ServiceAnnouncements.read(settings.kafkaClients(settings.kafka()), settings.topics(),
        System.currentTimeMillis());
    services.lines().forEach(out::println);
    services.missing(mode).forEach(out::println);
    out.flush();
    services.refusal(mode, source.label(), target.label(), "--%s").ifPresent(reason -> {
      throw CliFailure.badInput(reason);
    });
  }
}
