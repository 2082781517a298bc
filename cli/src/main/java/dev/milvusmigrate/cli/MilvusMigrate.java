package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.kafka.KafkaAccessException;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** The {@code milvus-migrate} command line. */
@Command(name = "milvus-migrate", mixinStandardHelpOptions = true, version = "milvus-migrate 0.1.0",
    description = "Migrates a Milvus database between clusters through Kafka.",
    subcommands = {OfflineCommand.class, ZdmCommand.class, LagCommand.class, StopSyncCommand.class, CutoverCommand.class, StatusCommand.class, CancelCommand.class, CleanupCommand.class,
        VerifyCommand.class, ProxyCommand.class, ConsoleCommand.class,
        CommandLine.HelpCommand.class},
    footer = ExitCode.FOOTER)
public final class MilvusMigrate implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(MilvusMigrate.class);
  private static final Set<MilvusAccessException.Kind> USER_ERRORS = Set.of(MilvusAccessException.Kind.UNREACHABLE,
      MilvusAccessException.Kind.UNAUTHENTICATED, MilvusAccessException.Kind.NOT_FOUND,
      MilvusAccessException.Kind.CONFLICT, MilvusAccessException.Kind.UNSUPPORTED);

  private final Map<String, String> env;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  MilvusMigrate(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static void main(String[] args) {
    System.exit(run(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs one command and returns its exit code; the environment is passed in so tests and the demo choose it. */
  public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    AvroTrust.install();
    CommandLine commandLine = new CommandLine(new MilvusMigrate(env))
        .setOut(out).setErr(err)
        .setParameterExceptionHandler(MilvusMigrate::usageError)
        .setExecutionExceptionHandler((e, cmd, parsed) -> failure(e, cmd.getErr()));
    try {
      return commandLine.execute(args);
    } finally {
      // A PrintWriter flushes by itself only on println, and main exits right after: what a command
      // print()ed would be lost.
      out.flush();
      err.flush();
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The environment the command runs in (the settings' MILVUS_MIGRATE_* variables). */
  Map<String, String> env() {
    return env;
  }

  /** Resolves the settings of a command from its options, the environment and the config file. */
  CliSettings settings(KafkaOptions kafka, Map<String, String> milvusOverrides) {
    Map<String, String> overrides = new HashMap<>(kafka.overrides());
    overrides.putAll(milvusOverrides);
    Path file = kafka.config;
    return CliSettings.load(file, env, overrides);
  }

  private static int usageError(ParameterException e, String[] args) {
    PrintWriter err = e.getCommandLine().getErr();
    err.println(e.getMessage() + ".");
    err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
    return ExitCode.BAD_INPUT;
  }

  private static int failure(Exception e, PrintWriter err) {
    if (e instanceof CliFailure failure) {
      err.println(failure.getMessage());
      return failure.exitCode();
    } else if (e instanceof ConfigException || e instanceof KafkaAccessException) {
      err.println(e.getMessage());
      return ExitCode.BAD_INPUT;
    } else if (e instanceof MilvusAccessException milvus) {
      err.println(milvus.getMessage());
      return USER_ERRORS.contains(milvus.kind()) ? ExitCode.BAD_INPUT : ExitCode.INTERNAL_ERROR;
    }
    log.error("Internal error", e);
    err.println("Internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
        + " (please report it with the log above).");
    return ExitCode.INTERNAL_ERROR;
  }
}
