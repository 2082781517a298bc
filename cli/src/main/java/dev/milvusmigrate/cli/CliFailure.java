package dev.milvusmigrate.cli;

/** Ends a command with an exit code and one sentence for the user (never credentials). */
final class CliFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliFailure(int exitCode, String sentence) {
    super(sentence);
    this.exitCode = exitCode;
  }

  static CliFailure badInput(String sentence) {
    return new CliFailure(ExitCode.BAD_INPUT, sentence);
  }

  int exitCode() {
    return exitCode;
  }
}
