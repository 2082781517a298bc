package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** {@code --with-rbac}: the roles of the migrated databases come along once the job succeeded. */
final class RbacOptions {

  @Option(names = "--with-rbac", description = "Once the job succeeded, also copy the roles that hold privileges in"
      + " the migrated databases, their privileges and users' memberships to the target. Users missing on the target"
      + " are listed for you to create (passwords cannot be read from a server), or created with"
      + " --rbac-password-file.")
  boolean withRbac;

  @Option(names = "--rbac-password-file", paramLabel = "FILE", description = "With --with-rbac: create users missing"
      + " on the target with generated passwords, written to FILE (a new file, readable only by you).")
  Path passwordFile;

  /**
   * Checks before the job that both sides' roles can be read and the password file can be
   * created; empty without {@code --with-rbac}.
   */
  Optional<RbacCopy> check(MilvusEndpoint source, MilvusEndpoint target,
      Function<MilvusSession, List<String>> databases, UnaryOperator<String> renameDatabase) {
    if (!withRbac) {
      if (passwordFile != null) {
        throw CliFailure.badInput("--rbac-password-file is only used with --with-rbac: add --with-rbac or leave it out.");
      }
      return Optional.empty();
    }
    Optional<GeneratedPasswords> passwords = Optional.ofNullable(passwordFile).map(file -> {
      GeneratedPasswords.checkCanCreate(file);
      return new GeneratedPasswords(file);
    });
    RbacCopy copy = new RbacCopy(source, target, databases, renameDatabase, passwords);
    copy.check();
    return Optional.of(copy);
  }

  /** After the job: copies the roles if it succeeded and prints what was done; returns the command's exit code. */
  static int afterJob(Optional<RbacCopy> copy, int jobExitCode, PrintWriter out) {
    if (copy.isEmpty() || jobExitCode != ExitCode.SUCCESSFUL) {
      return jobExitCode;
    }
    copy.get().run().forEach(out::println);
    return jobExitCode;
  }
}
