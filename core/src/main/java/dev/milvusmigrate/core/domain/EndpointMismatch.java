package dev.milvusmigrate.core.domain;

import java.util.List;
import java.util.Optional;

/**
 * A service takes a job only if the job's source and target are the servers it is configured
 * for: compares the address a job names for a role with the service's own, as {@link
 * ServerAddress}es, and says in one sentence, naming both addresses without credentials, why not.
 */
public final class EndpointMismatch {

  private EndpointMismatch() {}

  /**
   * Empty when the job's {@code role} ("source" or "target") is the server {@code configured} or
   * one of its {@code aliases} names; else the reason the job fails.
   */
  public static Optional<String> of(String service, String role, String jobLabel, MilvusEndpoint configured,
      List<String> aliases) {
    if (accepts(jobLabel, configured, aliases)) {
      return Optional.empty();
    }
    return Optional.of("The job's " + role + " is " + shown(jobLabel) + " but this " + service
        + " is configured for the " + role + " " + configured.label() + " (" + role + ".uri): nothing was written;"
        + " run the job with services configured for its servers.");
  }

  /**
   * Whether a service configured for {@code configured} with these {@code aliases} takes a job that
   * names {@code jobLabel} for that server: the one rule of the services and of the CLI's check.
   */
  public static boolean accepts(String jobLabel, MilvusEndpoint configured, List<String> aliases) {
    Optional<ServerAddress> named = ServerAddress.parse(jobLabel);
    return named.isPresent() && (named.get().equals(ServerAddress.of(configured))
        || aliases.stream().map(ServerAddress::parse).anyMatch(named::equals));
  }

  private static String shown(String label) {
    try {
      return MilvusEndpoint.of(label).label();
    } catch (IllegalArgumentException e) {
      return "'" + label + "', which is not a Milvus address,";
    }
  }
}
