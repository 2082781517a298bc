package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.config.EndpointKeys;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Source and target endpoints and credentials. Each can also come from the environment ({@code
 * MILVUS_MIGRATE_SOURCE_URI}, {@code MILVUS_MIGRATE_SOURCE_TOKEN}, ...) or the config file.
 * Token and password options without a value prompt for it without echo.
 */
final class MilvusOptions {

  @Option(names = "--source", paramLabel = "URI", description = "Source Milvus, e.g. http://10.0.0.5:19530.")
  String source;

  @Option(names = "--source-token", paramLabel = "TOKEN", arity = "0..1", interactive = true,
      description = "Source API key or token (env MILVUS_MIGRATE_SOURCE_TOKEN).")
  String sourceToken;

  @Option(names = "--source-user", paramLabel = "USER", description = "Source user name.")
  String sourceUser;

  @Option(names = "--source-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "Source password (env MILVUS_MIGRATE_SOURCE_PASSWORD).")
  String sourcePassword;

  @Option(names = "--source-ca-cert", paramLabel = "FILE", description = "CA certificate of the source server.")
  Path sourceCaCert;

  @Option(names = "--target", paramLabel = "URI", description = "Target Milvus, e.g. https://10.0.0.6:19530.")
  String target;

  @Option(names = "--target-token", paramLabel = "TOKEN", arity = "0..1", interactive = true,
      description = "Target API key or token (env MILVUS_MIGRATE_TARGET_TOKEN).")
  String targetToken;

  @Option(names = "--target-user", paramLabel = "USER", description = "Target user name.")
  String targetUser;

  @Option(names = "--target-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "Target password (env MILVUS_MIGRATE_TARGET_PASSWORD).")
  String targetPassword;

  @Option(names = "--target-ca-cert", paramLabel = "FILE", description = "CA certificate of the target server.")
  Path targetCaCert;

  Map<String, String> overrides() {
    Map<String, String> overrides = new HashMap<>();
    side(overrides, CliSettings.SOURCE, source, sourceToken, sourceUser, sourcePassword, sourceCaCert);
    side(overrides, CliSettings.TARGET, target, targetToken, targetUser, targetPassword, targetCaCert);
    return overrides;
  }

  private static void side(Map<String, String> overrides, EndpointKeys side, String uri, String token,
      String user, String password, Path caCert) {
    overrides.put(side.uri().name(), uri);
    overrides.put(side.token().name(), token);
    overrides.put(side.user().name(), user);
    overrides.put(side.password().name(), password);
    overrides.put(side.caCert().name(), caCert == null ? null : caCert.toString());
  }
}
