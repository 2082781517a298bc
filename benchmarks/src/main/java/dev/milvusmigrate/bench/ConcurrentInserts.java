package dev.milvusmigrate.bench;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several applications inserting at once, as fast as the server answers: each client has its own
 * connection and inserts its own range of ids in requests of {@code batchRows}, one request at a
 * time. The clock runs from the moment all clients start until the last one got its last answer.
 */
final class ConcurrentInserts {

  private final SyntheticCollection collection;
  private final String database;
  private final int clients;
  private final long rowsPerClient;
  private final int batchRows;

  ConcurrentInserts(SyntheticCollection collection, String database, int clients, long rowsPerClient,
      int batchRows) {
    this.collection = collection;
    this.database = database;
    this.clients = clients;
    this.rowsPerClient = rowsPerClient;
    this.batchRows = batchRows;
  }

  long rowsPerRun() {
    return clients * rowsPerClient;
  }

  /** Inserts {@link #rowsPerRun()} rows with ids from {@code firstId} through the server at {@code uri}. */
  Throughput run(String method, String uri, long firstId) throws InterruptedException {
    List<MilvusSession> sessions = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(clients, runnable -> new Thread(runnable, "inserting-client"));
    try {
      for (int client = 0; client < clients; client++) {
        sessions.add(MilvusConnector.connect(MilvusEndpoint.of(uri)));
      }
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> running = new ArrayList<>();
      for (int client = 0; client < clients; client++) {
        MilvusSession session = sessions.get(client);
        long from = firstId + client * rowsPerClient;
        SplittableRandom random = new SplittableRandom(from);
        running.add(threads.submit(() -> {
          start.await();
          for (long id = from; id < from + rowsPerClient; id += batchRows) {
            collection.insert(session, database, id, (int) Math.min(batchRows, from + rowsPerClient - id), random);
          }
          return null;
        }));
      }
      long started = System.nanoTime();
      start.countDown();
      for (Future<?> client : running) {
        client.get();
      }
      return Throughput.of(method, rowsPerRun(), collection.rowBytes(), Duration.ofNanos(System.nanoTime() - started));
    } catch (ExecutionException e) {
      throw new IllegalStateException(method + ": an insert failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      threads.shutdownNow();
      sessions.forEach(MilvusSession::close);
    }
  }
}
