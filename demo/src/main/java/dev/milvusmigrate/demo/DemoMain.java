package dev.milvusmigrate.demo;

import dev.milvusmigrate.cli.ExitCode;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import java.io.PrintWriter;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code milvus-migrate demo}: the whole zero-downtime migration on this machine, then everything stops. */
@Command(name = "milvus-migrate demo", mixinStandardHelpOptions = true,
    description = {"Starts an embedded Kafka broker, two Milvus 2.3.5 servers (the"
        + " source's log on that broker), fills the source with sample collections, and runs a zero-downtime migration while an"
        + " application keeps writing: progress, Lag Behind Source, the below-10 s notification, stop-sync and the"
        + " verification report. Then stops everything it started. Ctrl-C stops everything too.",
        "Exit code 0 when the job ended SUCCESSFUL."})
public final class DemoMain implements Callable<Integer> {

  @Option(names = "--rows", paramLabel = "N", description = "Entities per sample collection (default ${DEFAULT-VALUE}).")
  int rows = 2000;

  @Option(names = "--writes-per-second", paramLabel = "N",
      description = "Write requests the application makes a second (default ${DEFAULT-VALUE}).")
  int writesPerSecond = 20;

  /** Where the job captures the application's writes. */
  enum Capture { wal, proxy }

  @Option(names = "--capture", paramLabel = "wal|proxy", description = "wal (default): the job reads the source's"
      + " log, and the cutover stops the application's writes first; proxy: the application writes through the"
      + " capture-proxy, which the job captures, and the cutover switches the proxy to the target while the"
      + " application keeps writing.")
  Capture capture = Capture.wal;

  @Option(names = "--console", description = "Also run the console: follow the migration in a browser.")
  boolean console;

  @Option(names = "--console-port", paramLabel = "PORT",
      description = "Port of the console with --console (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int consolePort = 8090;

  public static void main(String[] args) {
    AvroTrust.install();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    CommandLine commandLine = new CommandLine(new DemoMain()).setOut(out).setErr(err)
        .setParameterExceptionHandler((e, args1) -> {
          err.println(e.getMessage() + ". Run 'milvus-migrate demo --help' for the options.");
          return ExitCode.BAD_INPUT;
        });
    System.exit(commandLine.execute(args));
  }

  @Override
  public Integer call() {
    if (rows < 100 || rows > 1_000_000) {
      System.err.println("--rows must be between 100 and 1000000 (entities per sample collection).");
      return ExitCode.BAD_INPUT;
    }
    if (writesPerSecond < 1 || writesPerSecond > 1000) {
      System.err.println("--writes-per-second must be between 1 and 1000.");
      return ExitCode.BAD_INPUT;
    }
    if (consolePort < 0 || consolePort > 65_535) {
      System.err.println("--console-port must be between 0 and 65535.");
      return ExitCode.BAD_INPUT;
    }
    return new Demo(new PrintWriter(System.out, true), new PrintWriter(System.err, true), rows, writesPerSecond,
        console ? OptionalInt.of(consolePort) : OptionalInt.empty(), capture == Capture.proxy).run();
  }
}
