package dev.milvusmigrate.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the {@code milvus-migrate} command line in this JVM through {@code MilvusMigrate.run}, as
 * the cli module's own tests do, and
 * captures what a user would see: the exit code, the command's output and error streams, and
 * whatever the process wrote to {@code System.out}/{@code System.err} meanwhile (logs included).
 */
public final class InProcessCli {

  /** One finished run. {@code console} is what went to the process's own stdout and stderr. */
  public record Run(int exitCode, String out, String err, String console) {

    /** Everything the user could see, for asserting that something (a password) never shows. */
    public String everything() {
      return out + err + console;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
  }

  private InProcessCli() {}

  /** Runs one command with an empty environment, so no MILVUS_MIGRATE_* variable of the build leaks in. */
  public static Run run(String... args) {
    return runWith(Map.of(), args);
  }

  /** Runs one command with {@code environment} as its only environment variables (e.g. secrets, as a user exports them). */
  public static synchronized Run runWith(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    int code;
    try {
      code = MilvusMigrate.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      capture.flush();
    }
    return new Run(code, out.toString(), err.toString(), console.toString(StandardCharsets.UTF_8));
  }
}
