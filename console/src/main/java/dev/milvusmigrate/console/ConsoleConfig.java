package dev.milvusmigrate.console;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.runtime.ServiceConfig;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Every setting of the console, declared once; the tokens are secrets and never shown. */
public final class ConsoleConfig extends ServiceConfig {

  static final ConfigKey<String> HOST = ConfigKey.string("console.host", "0.0.0.0",
      "Interface the console's HTTP server listens on.");
  static final ConfigKey<Integer> PORT = ConfigKey.integer("console.port", 8090, 0, 65_535,
      "Port of the console's web page and REST API (0 picks a free port).");
  static final ConfigKey<String> READ_TOKENS = ConfigKey.string("console.read-tokens", "",
      "Comma-separated bearer tokens that may read jobs, lag and events but not submit, stop or cancel.").secret();
  static final ConfigKey<String> OPERATOR_TOKENS = ConfigKey.string("console.operator-tokens", "",
      "Comma-separated bearer tokens that may also submit jobs, stop their sync and cancel them.").secret();

  private static final ConfigKey<Integer> METRICS_PORT = metricsPort(9406);

  public static final ConfigSpec SPEC = spec("console", METRICS_PORT, List.of(HOST, PORT, READ_TOKENS,
      OPERATOR_TOKENS));

  ConsoleConfig(Config config) {
    super(config, METRICS_PORT);
    if (readTokens().isEmpty() && operatorTokens().isEmpty()) {
      throw new ConfigException("The console refuses every request without a token: set console.operator-tokens"
          + " (and console.read-tokens for read-only users).");
    }
  }

  public static ConsoleConfig of(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    return new ConsoleConfig(new ConfigLoader(SPEC).load(file, env, overrides));
  }

  /** A random token for a console run by hand (the CLI's {@code console}, the demo's {@code --console}). */
  public static String newToken() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public String host() {
    return get(HOST);
  }

  public int port() {
    return get(PORT);
  }

  AccessControl accessControl() {
    return new AccessControl(readTokens(), operatorTokens());
  }

  private List<String> readTokens() {
    return tokens(READ_TOKENS);
  }

  private List<String> operatorTokens() {
    return tokens(OPERATOR_TOKENS);
  }

  private List<String> tokens(ConfigKey<String> key) {
    return Arrays.stream(get(key).split(",")).map(String::strip).filter(token -> !token.isEmpty()).toList();
  }
}
