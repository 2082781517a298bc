package dev.milvusmigrate.e2e;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.testkit.process.ChildProcess;
import dev.milvusmigrate.testkit.process.FreePorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux network namespace for one service process, joined to the host by two veth pairs: one
 * carries its connections to every server but one, the other its connections to that one server,
 * so taking the second link down cuts the service off from that server alone (packets dropped,
 * connections hang, nothing reset), as a network partition would; degrading it makes that link lossy
 * and slow instead. Inside the namespace, a relay process listens on 127.0.0.1 at each server's port,
 * so the service keeps its usual addresses; relays on the host end of each link connect to the
 * servers. Needs root ({@code ip netns}), and nftables' {@code nft} to degrade.
 */
final class CutOffNetwork implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CutOffNetwork.class);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
  private static final String LOOPBACK = "127.0.0.1";
  /** The nftables table in the namespace that drops packets while the link is degraded. */
  private static final String LOSS_TABLE = "mm_loss";

  private final String namespace;
  private final String subnet;
  private final List<TcpRelay> hostRelays = new ArrayList<>();
  private TcpRelay cutOffRelay;
  private ChildProcess namespaceRelays;
  private boolean lossy;

  private CutOffNetwork(String namespace, String subnet) {
    this.namespace = namespace;
    this.subnet = subnet;
  }

  /**
   * @param reachable ports on 127.0.0.1 the service reaches over the first link
   * @param cutOff the port on 127.0.0.1 of the server it can be cut off from, over the second link
   * @param directory where the relay process's output goes
   */
  static CutOffNetwork create(List<Integer> reachable, int cutOff, Path directory) {
    int octet = ThreadLocalRandom.current().nextInt(256);
    CutOffNetwork network = new CutOffNetwork("mmcut" + octet + "x" + ThreadLocalRandom.current().nextInt(1000),
        "10.231." + octet + ".");
    try {
      network.run("ip", "netns", "add", network.namespace);
      network.inside("ip", "link", "set", "lo", "up");
      for (int link = 0; link < 2; link++) {
        network.run("ip", "link", "add", network.hostEnd(link), "type", "veth", "peer", "name",
            network.namespaceEnd(link));
        network.run("ip", "link", "set", network.namespaceEnd(link), "netns", network.namespace);
        network.run("ip", "addr", "add", network.hostIp(link) + "/30", "dev", network.hostEnd(link));
        network.run("ip", "link", "set", network.hostEnd(link), "up");
        network.inside("ip", "addr", "add", network.namespaceIp(link) + "/30", "dev", network.namespaceEnd(link));
        network.inside("ip", "link", "set", network.namespaceEnd(link), "up");
      }
      List<String> relays = new ArrayList<>();
      for (int port : reachable) {
        relays.add(network.relay(0, port));
      }
      relays.add(network.relay(1, cutOff));
      List<String> command = new ArrayList<>(network.launcher());
      command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
          System.getProperty("java.class.path"), TcpRelay.class.getName()));
      command.addAll(relays);
      network.namespaceRelays = ChildProcess.start(network.namespace + "-relays", command, Map.of(), directory,
          Duration.ofSeconds(5));
      Path output = directory.resolve("logs").resolve(network.namespace + "-relays-stdout.log");
      await("the relays in " + network.namespace).atMost(Duration.ofMinutes(1))
          .until(() -> Files.exists(output) && Files.readString(output).contains("relaying"));
      return network;
    } catch (IOException | RuntimeException e) {
      network.close();
      throw new IllegalStateException("Cannot set up the network namespace " + network.namespace + ": " + e, e);
    }
  }

  /** The command prefix that runs a process inside the namespace. */
  List<String> launcher() {
    return List.of("ip", "netns", "exec", namespace);
  }

  /** Takes the link to the one server down: the service is cut off from it. */
  void cut() {
    run("ip", "link", "set", hostEnd(1), "down");
  }

  /**
   * Makes the link to the one server lossy and slow: {@code lossPercent} of the packets crossing it,
   * either way, dropped (nftables in the namespace, the kernel's TCP retransmits them), and every
   * byte from the server held {@code delay} by the host's relay (what {@code tc netem} would do;
   * the kernel this project runs on has no {@code sch_netem}).
   */
  void degrade(int lossPercent, Duration delay) {
    if (!onPath("nft")) {
      throw new IllegalStateException("Degrading a link needs nftables' nft command: install it (apt-get install"
          + " nftables) and run again.");
    }
    String link = namespaceEnd(1);
    inside("nft", "add", "table", "ip", LOSS_TABLE);
    lossy = true;
    inside("nft", "add", "chain", "ip", LOSS_TABLE, "in", "{ type filter hook input priority 0; }");
    inside("nft", "add", "chain", "ip", LOSS_TABLE, "out", "{ type filter hook output priority 0; }");
    inside("nft", "add", "rule", "ip", LOSS_TABLE, "in", "iifname", link, "numgen", "random", "mod", "100", "<",
        String.valueOf(lossPercent), "counter", "drop");
    inside("nft", "add", "rule", "ip", LOSS_TABLE, "out", "oifname", link, "numgen", "random", "mod", "100", "<",
        String.valueOf(lossPercent), "counter", "drop");
    cutOffRelay.delayFromServer(delay);
  }

  /** Makes the link to the one server sound again: up, no loss, no delay. */
  void restore() {
    run("ip", "link", "set", hostEnd(1), "up");
    cutOffRelay.delayFromServer(Duration.ZERO);
    if (lossy) {
      LOG.info("{}: link to the server sound again; packets dropped while degraded: {}; bytes from the server"
          + " delayed so far: {}", namespace, inside("nft", "list", "table", "ip", LOSS_TABLE).lines()
          .filter(line -> line.contains("counter")).map(String::strip).toList(), cutOffRelay.bytesDelayed());
      inside("nft", "delete", "table", "ip", LOSS_TABLE);
      lossy = false;
    }
  }

  /**
   * A relay on the link's host end to the server's port, and the namespace's side of it. The host
   * relay takes another port: a server listening on every address holds its own port there too.
   */
  private String relay(int link, int port) throws IOException {
    int hostPort = FreePorts.allocate();
    TcpRelay relay = TcpRelay.start(new InetSocketAddress(hostIp(link), hostPort),
        new InetSocketAddress(LOOPBACK, port));
    hostRelays.add(relay);
    if (link == 1) {
      cutOffRelay = relay;
    }
    return LOOPBACK + ":" + port + "=" + hostIp(link) + ":" + hostPort;
  }

  private static boolean onPath(String command) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
  }

  private String hostEnd(int link) {
    return namespace + "h" + link;
  }

  private String namespaceEnd(int link) {
    return namespace + "n" + link;
  }

  private String hostIp(int link) {
    return subnet + (4 * link + 1);
  }

  private String namespaceIp(int link) {
    return subnet + (4 * link + 2);
  }

  private String inside(String... command) {
    List<String> all = new ArrayList<>(launcher());
    all.addAll(List.of(command));
    return run(all.toArray(String[]::new));
  }

  /** Runs the command; returns its output. */
  private String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
      }
      String output = new String(process.getInputStream().readAllBytes());
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
            + output.strip());
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
    }
  }

  /** Stops the relays and deletes the namespace (its veth pairs go with it). */
  @Override
  public void close() {
    if (namespaceRelays != null) {
      namespaceRelays.kill();
    }
    hostRelays.forEach(TcpRelay::close);
    try {
      run("ip", "netns", "del", namespace);
    } catch (RuntimeException e) {
      // not created
    }
    for (int link = 0; link < 2; link++) {
      try {
        run("ip", "link", "del", hostEnd(link));
      } catch (RuntimeException e) {
        // went with the namespace
      }
    }
  }
}
