package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.ServerAddress;
import dev.milvusmigrate.milvus.MilvusSession;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nothing is ever written to the job's source server: refuses a target that is the source, under
 * the same address ({@link ServerAddress}) or under another one where the servers report collection
 * ids (both hold a collection with the same id, which only one server can allocate). Milvus Lite
 * reports no ids, so there only the addresses are compared.
 */
public final class SourceIsNotTarget {

  private SourceIsNotTarget() {}

  /** The sentence why {@code target} may not be written, ending with {@code advice}; empty when it may. */
  public static Optional<String> check(MilvusEndpoint source, MilvusSession sourceSession, MilvusEndpoint target,
      MilvusSession targetSession, String advice) {
    if (ServerAddress.of(source).equals(ServerAddress.of(target))) {
      return Optional.of(refusal(source, target, "the same address", advice));
    }
    Set<String> shared = new TreeSet<>(sourceSession.catalog().collectionIds());
    shared.retainAll(targetSession.catalog().collectionIds());
    return shared.stream().findFirst().map(example -> refusal(source, target,
        "both hold the collection with id " + example + ", so they are one server", advice));
  }

  private static String refusal(MilvusEndpoint source, MilvusEndpoint target, String why, String advice) {
    return "The target " + target.label() + " is the source server " + source.label() + " (" + why
        + "): nothing was written, the source is never written to; " + advice + ".";
  }
}
