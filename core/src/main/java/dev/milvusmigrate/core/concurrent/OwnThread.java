package dev.milvusmigrate.core.concurrent;

import java.util.concurrent.Executor;

/**
 * An executor that runs each task on a new daemon thread of the given name: for the few long waits on
 * a server (a load, a flush) that run beside other work, which must not occupy the common pool (one
 * thread on a 2-core machine) that shorter asynchronous reads share.
 */
public final class OwnThread {

  private OwnThread() {}

  public static Executor named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      thread.start();
    };
  }
}
