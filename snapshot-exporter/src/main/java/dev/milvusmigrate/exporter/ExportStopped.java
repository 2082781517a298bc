package dev.milvusmigrate.exporter;

/** The job's work was stopped (cancelled, ended, service closing, or fenced by a newer instance). */
final class ExportStopped extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ExportStopped(String why) {
    super(why);
  }
}
