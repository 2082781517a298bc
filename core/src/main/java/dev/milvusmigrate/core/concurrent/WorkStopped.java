package dev.milvusmigrate.core.concurrent;

/** The work was stopped (cancelled, ended, service closing, or fenced by a newer instance); the message says why. */
public final class WorkStopped extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WorkStopped(String why) {
    super(why);
  }
}
