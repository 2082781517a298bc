package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.AccessControl;
import dev.milvusmigrate.milvus.Grant;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Copies the roles of the migrated databases, their grants and users' memberships from the source
 * to the target ({@code --with-rbac}), after the job's data arrived. Only the CLI does this: it is
 * the one place that holds both servers' credentials for the operator; nothing of it travels
 * through Kafka. Every write is idempotent, so a rerun completes an interrupted copy.
 */
final class RbacCopy {

  private final MilvusEndpoint source;
  private final MilvusEndpoint target;
  private final Function<MilvusSession, List<String>> databases;
  private final UnaryOperator<String> renameDatabase;
  private final Optional<GeneratedPasswords> passwords;

  /**
   * @param databases the source databases whose roles are copied, read when the copy runs
   * @param renameDatabase the target database of each of them
   */
  RbacCopy(MilvusEndpoint source, MilvusEndpoint target, Function<MilvusSession, List<String>> databases,
      UnaryOperator<String> renameDatabase, Optional<GeneratedPasswords> passwords) {
    this.source = source;
    this.target = target;
    this.databases = databases;
    this.renameDatabase = renameDatabase;
    this.passwords = passwords;
  }

  /** Reads both sides' roles once, before the job starts: fails with one sentence where it could not copy them. */
  void check() {
    try (MilvusSession from = MilvusConnector.connect(source);
        MilvusSession to = MilvusConnector.connect(target)) {
      read(from, source, "the source");
      read(to, target, "the target");
    }
  }

  /** Copies and returns the report: one line per role and per user. */
  List<String> run() {
    try (MilvusSession from = MilvusConnector.connect(source);
        MilvusSession to = MilvusConnector.connect(target)) {
      AccessControl sourceRoles = read(from, source, "the source");
      AccessControl targetRoles = read(to, target, "the target");
      Map<String, List<Grant>> grants = new LinkedHashMap<>();
      for (String role : sourceRoles.roles()) {
        List<Grant> roleGrants = new ArrayList<>();
        databases.apply(from).forEach(database -> roleGrants.addAll(sourceRoles.grants(role, database)));
        grants.put(role, roleGrants);
      }
      RbacPlan plan = RbacPlan.of(grants, sourceRoles.usersAndRoles(), new HashSet<>(targetRoles.roles()),
          targetRoles.usersAndRoles().keySet(), renameDatabase, passwords.isPresent());
      apply(plan, targetRoles);
      return report(plan);
    }
  }

  private static AccessControl read(MilvusSession session, MilvusEndpoint endpoint, String side) {
    try {
      session.accessControl().roles();
      return session.accessControl();
    } catch (MilvusAccessException e) {
      if (e.kind() == MilvusAccessException.Kind.UNSUPPORTED) {
        throw CliFailure.badInput("--with-rbac: " + side + " " + endpoint.label() + " keeps no roles (Milvus Lite has"
            + " no RBAC): leave out --with-rbac.");
      }
      throw e;
    }
  }

  private void apply(RbacPlan plan, AccessControl target) {
    plan.rolesToCreate().forEach(target::createRole);
    plan.grants().forEach(target::grant);
    for (String user : plan.usersToCreate()) {
      char[] password = passwords.orElseThrow().next(user);
      try {
        target.createUser(user, password);
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    plan.memberships().forEach((user, roles) -> roles.forEach(role -> target.addUserToRole(user, role)));
  }

  private List<String> report(RbacPlan plan) {
    List<String> lines = new ArrayList<>();
    lines.add("Roles (--with-rbac): " + plan.grants().stream().map(Grant::role).distinct().count() + " roles with "
        + plan.grants().size() + " grants copied, " + plan.rolesToCreate().size() + " of them created.");
    plan.grants().stream().map(Grant::role).distinct().forEach(role -> lines.add("  role " + role + ": "
        + (plan.rolesToCreate().contains(role) ? "created" : "already on the target") + ", " + plan.grants().stream()
        .filter(grant -> grant.role().equals(role)).map(Grant::toString).toList()));
    plan.memberships().forEach((user, roles) -> lines.add("  user " + user + ": "
        + (plan.usersToCreate().contains(user) ? "created with a generated password (in "
        + passwords.orElseThrow().file() + "; hand it over or change it)" : "already on the target")
        + ", added to " + String.join(", ", roles)));
    plan.listedMemberships().forEach((user, roles) -> lines.add("  user " + user + ": not on the target and not"
        + " created (passwords cannot be read from the source): create it, then add it to " + String.join(", ", roles)
        + ", or rerun with --rbac-password-file"));
    return lines;
  }
}
