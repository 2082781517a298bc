package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.avro.JobState;

/** The documented exit codes of every command. */
public final class ExitCode {

  public static final int SUCCESSFUL = 0;
  /** The job failed: verification found differences, or a service could not continue. */
  public static final int FAILED = 1;
  /** Bad input the user must fix: usage, unreachable or refused endpoint, unknown database or collection, conflicting schema. */
  public static final int BAD_INPUT = 2;
  public static final int CANCELED = 3;
  public static final int INTERNAL_ERROR = 4;

  /** The usage footer every command shows. */
  static final String FOOTER = "%nExit codes:%n"
      + "  0  the job (or verification) succeeded%n"
      + "  1  the job failed: verification found differences or a service could not continue%n"
      + "  2  bad input: usage, unreachable or unauthorised endpoint, unknown database or collection,"
      + " conflicting target schema%n"
      + "  3  the job was canceled (Ctrl-C or the cancel command)%n"
      + "  4  internal error%n";

  private ExitCode() {}

  static int of(JobState state) {
    return switch (state) {
      case SUCCESSFUL -> SUCCESSFUL;
      case CANCELED -> CANCELED;
      case FAILED -> FAILED;
      default -> INTERNAL_ERROR;
    };
  }
}
