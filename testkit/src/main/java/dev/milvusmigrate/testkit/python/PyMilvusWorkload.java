package dev.milvusmigrate.testkit.python;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.testkit.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test kit's pymilvus application ({@code workload.py}): a collection with every field type a
 * Milvus 2.3+ server stores (scalars, JSON, ARRAY of eight element types, a dynamic field, a float
 * vector) in several partitions, a writer that inserts in bursts, upserts hot keys, moves keys to
 * other partitions, deletes by ids and by filter and deletes then re-inserts elsewhere, with
 * MilvusClient or with the ORM ({@link Api}), and a comparison of two servers per partition and
 * field by field. An {@link #autoId()} collection's keys are the server's; its writer inserts and
 * deletes only.
 */
public final class PyMilvusWorkload {

  private static final Pattern OPERATIONS = Pattern.compile("\"operations\": (\\d+)");
  private static final Duration CALL = Duration.ofMinutes(5);
  /** The exit status of the script's {@code put} when the server refused the insert. */
  private static final int REFUSED = 4;

  private final PyMilvus python = PyMilvus.shared();
  private final Path script = PyMilvus.script("workload.py");
  private final String database;
  private final String collection;
  private final List<String> partitions;
  private final boolean autoId;

  /** @param partitions partitions besides {@code _default} */
  public PyMilvusWorkload(String database, String collection, List<String> partitions) {
    this(database, collection, partitions, false);
  }

  private PyMilvusWorkload(String database, String collection, List<String> partitions, boolean autoId) {
    this.database = database;
    this.collection = collection;
    this.partitions = List.copyOf(partitions);
    this.autoId = autoId;
  }

  /** This workload on a collection whose primary keys the server generates. */
  public PyMilvusWorkload autoId() {
    return new PyMilvusWorkload(database, collection, partitions, true);
  }

  /**
   * The pymilvus API a writer calls: {@code MilvusClient}, or the ORM ({@code connections},
   * {@code Collection}, {@code Partition}), which sends rows or columns, deletes by expression only
   * and, into an auto-id collection (where it upserts nothing), flushes between writes.
   */
  public enum Api {
    CLIENT,
    ORM
  }

  public String collection() {
    return collection;
  }

  /** Creates the database if needed and the collection with {@code rows} entities spread over the partitions; loads it unless {@code released}. */
  public void create(String uri, int rows, boolean released) {
    create(uri, rows, released, "L2");
  }

  /** As {@link #create(String, int, boolean)}, with {@code metric} (L2, IP or COSINE) on the vector field's index. */
  public void create(String uri, int rows, boolean released, String metric) {
    List<String> args = new ArrayList<>(common("create", uri));
    args.addAll(List.of("--rows", String.valueOf(rows), "--metric", metric));
    if (released) {
      args.add("--released");
    }
    if (autoId) {
      args.add("--auto-id");
    }
    python.run(script, CALL, args);
  }

  /**
   * How hard a writer writes: {@code pauseMs} after each call, at most {@code largestBurst} rows per
   * call. {@link #BUSY} keeps a pipeline busy; {@link #STEADY} leaves room for faults and restarts on
   * two cores.
   */
  public record Pace(int pauseMs, int largestBurst) {
    public static final Pace BUSY = new Pace(20, 300);
    public static final Pace STEADY = new Pace(200, 50);
  }

  /**
   * Starts writing on its own process until {@link Writer#close()}.
   *
   * @param firstKey new keys start here; keys 1-20 are the hot keys
   * @param rideOut count failed writes and go on (during outages) instead of stopping at the first
   */
  public Writer startWriter(String uri, long firstKey, long seed, Pace pace, Path workDir, boolean rideOut) {
    return startWriter(uri, Api.CLIENT, firstKey, seed, pace, workDir, rideOut);
  }

  /** As {@link #startWriter(String, long, long, Pace, Path, boolean)}, calling {@code api}. */
  public Writer startWriter(String uri, Api api, long firstKey, long seed, Pace pace, Path workDir, boolean rideOut) {
    List<String> args = new ArrayList<>(common("write", uri));
    args.addAll(List.of("--first-key", String.valueOf(firstKey), "--seed", String.valueOf(seed),
        "--pace-ms", String.valueOf(pace.pauseMs()), "--max-burst", String.valueOf(pace.largestBurst()),
        "--api", api.name().toLowerCase(Locale.ROOT)));
    if (rideOut) {
      args.add("--ride-out");
    }
    return Writer.start(collection, script, workDir, args);
  }

  /**
   * Makes, on {@code uri}, the first {@code operations} operations of the writer with these
   * arguments ({@link #startWriter}) and returns its stats' JSON: the writer is deterministic, so
   * this is what a server holds after those writes, whatever the pace and wherever they went.
   */
  public String replay(String uri, long firstKey, long seed, Pace pace, int operations, Path workDir) {
    try {
      Path directory = Files.createDirectories(workDir.resolve("replay-" + collection));
      Path stats = directory.resolve("stats.json");
      List<String> args = new ArrayList<>(common("write", uri));
      args.addAll(List.of("--first-key", String.valueOf(firstKey), "--seed", String.valueOf(seed),
          "--stop-file", directory.resolve("stop").toString(), "--stats", stats.toString(), "--pace-ms", "0",
          "--max-burst", String.valueOf(pace.largestBurst()), "--max-ops", String.valueOf(operations)));
      python.run(script, CALL, args);
      return Files.readString(stats);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Inserts the entities of {@code keys} at {@code version} into one partition with a plain insert (no upsert). */
  public void put(String uri, String partition, int version, long... keys) {
    python.run(script, CALL, putArguments(uri, partition, version, keys));
  }

  private List<String> putArguments(String uri, String partition, int version, long... keys) {
    return List.of("put", "--uri", uri, "--db", database, "--collection", collection, "--partition", partition,
        "--version", String.valueOf(version), "--keys", joined(keys));
  }

  private static String joined(long... keys) {
    return String.join(",", Arrays.stream(keys).mapToObj(String::valueOf).toList());
  }

  /**
   * Tries the plain insert of {@link #put}, which the server may refuse (e.g. a partition it does
   * not have); returns the script's JSON line, which holds {@code "error"} when it was refused.
   */
  public String tryPut(String uri, String partition, int version, long... keys) {
    return python.run(script, CALL, putArguments(uri, partition, version, keys), REFUSED).strip();
  }

  /** Deletes the entities of {@code keys} from every partition. */
  public void remove(String uri, long... keys) {
    python.run(script, CALL, List.of("remove", "--uri", uri, "--db", database, "--collection", collection, "--keys",
        joined(keys)));
  }

  /** Compares the collection on two servers per partition, entity by entity; the JSON summary says how. */
  public Comparison compare(String sourceUri, String targetUri) {
    List<String> args = List.of("compare", "--source", sourceUri, "--target", targetUri, "--db", database,
        "--collection", collection);
    String summary = python.run(script, CALL, args, 1).strip();
    return new Comparison(summary.contains("\"equal\": true"), summary);
  }

  private List<String> common(String command, String uri) {
    return List.of(command, "--uri", uri, "--db", database, "--collection", collection, "--partitions",
        String.join(",", partitions));
  }

  /**
   * @param summary the comparison's JSON (per partition counts; {@code source_entities}, {@code
   *     missing}, {@code unexpected}, {@code duplicated}, {@code differing}; up to 50 differences)
   */
  public record Comparison(boolean equal, String summary) {

    /** One of the summary's whole-number figures, e.g. {@code missing}. */
    public long figure(String name) {
      Matcher matcher = Pattern.compile("\"" + name + "\": (\\d+)").matcher(summary);
      if (!matcher.find()) {
        throw new IllegalStateException("The comparison has no figure " + name + ": " + summary);
      }
      return Long.parseLong(matcher.group(1));
    }
  }

  /** A running writer. */
  public static final class Writer implements AutoCloseable {

    private final ChildProcess process;
    private final Path stop;
    private final Path stats;

    private Writer(ChildProcess process, Path stop, Path stats) {
      this.process = process;
      this.stop = stop;
      this.stats = stats;
    }

    /**
     * Starts a test kit script's {@code write} loop named {@code name} on its own process; the script
     * takes {@code --stop-file} (stop once it exists) and {@code --stats} (a JSON file it keeps with
     * {@code "operations"}, and {@code "stopped"} at the end), which this adds to {@code args}.
     */
    public static Writer start(String name, Path script, Path workDir, List<String> args) {
      try {
        Path directory = Files.createDirectories(workDir.resolve("writer-" + name));
        Path stop = directory.resolve("stop");
        Path stats = directory.resolve("stats.json");
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--stop-file", stop.toString(), "--stats", stats.toString()));
        return new Writer(PyMilvus.shared().start("pymilvus-writer-" + name, script, directory, all), stop, stats);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Operations done so far (each an insert, upsert or delete call, some of several hundred rows). */
    public int operations() {
      if (!process.isAlive() && !stats().contains("\"stopped\"")) {
        throw new IllegalStateException("The pymilvus writer failed: " + process.describe(30));
      }
      Matcher matcher = OPERATIONS.matcher(stats());
      return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    public void awaitOperations(int operations, Duration atMost) {
      await("pymilvus writer past " + operations + " operations").atMost(atMost)
          .until(this::operations, done -> done >= operations);
    }

    /**
     * Waits until the writer has made each of {@code calls} at least once, as its stats name them
     * (an ORM writer's, e.g. {@code Partition.insert(columns)}).
     */
    public void awaitCalls(List<String> calls, Duration atMost) {
      await("pymilvus writer made " + calls).atMost(atMost).until(() -> {
        operations();
        String made = stats();
        return calls.stream().allMatch(call -> made.contains("\"" + call + "\": "));
      });
    }

    /** Asks the writer to stop after its current call and waits for it; the stats' JSON. */
    public String stop() {
      try {
        Files.writeString(stop, "stop");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      await("pymilvus writer stopped").atMost(Duration.ofMinutes(1)).until(() -> !process.isAlive());
      String result = stats();
      if (!result.contains("\"stopped\"")) {
        throw new IllegalStateException("The pymilvus writer failed: " + process.describe(30));
      }
      return result;
    }

    private String stats() {
      try {
        return Files.exists(stats) ? Files.readString(stats) : "";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        stop();
      }
      process.close();
    }
  }
}
