package dev.milvusmigrate.cli;

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
}
