package dev.milvusmigrate.cli;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) into a request the running command handles itself (cancel the job, stop
 * the services, exit 3) instead of killing the process; the previous handler is restored on close.
 */
final class CtrlC implements AutoCloseable {

  private static final Signal INT = new Signal("INT");

  private final AtomicBoolean pressed = new AtomicBoolean();
  private final SignalHandler previous;

  CtrlC() {
    this.previous = Signal.handle(INT, signal -> pressed.set(true));
  }

  boolean pressed() {
    return pressed.get();
  }

  @Override
  public void close() {
    Signal.handle(INT, previous);
  }
}
