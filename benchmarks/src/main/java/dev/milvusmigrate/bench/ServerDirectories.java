package dev.milvusmigrate.bench;

import dev.milvusmigrate.testkit.milvus.MilvusServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.FileUtils;

/**
 * The data directories of the servers (Milvus, Pulsar) a benchmark run starts. A run leaves several GB in
 * them, so they are deleted once the servers stopped, unless the run failed: then they are kept,
 * with the servers' logs, and named.
 */
final class ServerDirectories {

  private final List<Path> directories = new ArrayList<>();

  /** Starts a Milvus standalone on rocksmq, saying so, and tracks its directory. */
  MilvusStandaloneServer startStandalone(String role, PrintStream out) {
    out.printf("Starting the %s Milvus %s standalone (rocksmq) ...%n", role, MilvusStandaloneServer.VERSION);
    return track(MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(), StandaloneOptions.onRocksMq()));
  }

  <S extends MilvusServer> S track(S server) {
    directories.add(server.directory());
    return server;
  }

  /** Tracks another server's data directory, e.g. the source's log's Pulsar. */
  void track(Path directory) {
    directories.add(directory);
  }

  void remove(boolean completed, PrintStream out) throws IOException {
    if (!completed) {
      out.printf("Server data and logs kept in %s%n", directories);
      return;
    }
    for (Path directory : directories) {
      FileUtils.deleteDirectory(directory.toFile());
    }
  }
}
