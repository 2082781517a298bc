package dev.milvusmigrate.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand of {@code milvus-migrate}: the root's settings, the Kafka options, and where it prints. */
abstract class CliCommand implements Callable<Integer> {

  @ParentCommand
  MilvusMigrate root;

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  final PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
