package dev.milvusmigrate.testkit.pulsar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS material of a test Pulsar, made with the JDK's {@code keytool}: a CA of its own and a server
 * certificate it signed for {@code 127.0.0.1} and {@code localhost} (valid a week), as PEM files:
 * {@link #caCertificate()} is what clients trust, the server certificate and its PKCS#8 key are
 * the broker's. No certificate leaves {@code directory}.
 */
public final class PulsarTls {

  private static final String PASSWORD = "test-only";
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private final Path directory;

  private PulsarTls(Path directory) {
    this.directory = directory;
  }

  /** A new CA and a server certificate signed by it, written to {@code directory}. */
  public static PulsarTls generate(Path directory) {
    PulsarTls tls = new PulsarTls(directory);
    selfSignedCa(directory, "milvus-migrate test CA");
    keytool(directory, "-genkeypair", "-keystore", "server.p12", "-alias", "server", "-dname", "CN=localhost");
    keytool(directory, "-certreq", "-keystore", "server.p12", "-alias", "server", "-file", "server.csr");
    keytool(directory, "-gencert", "-keystore", "ca.p12", "-alias", "ca", "-infile", "server.csr", "-rfc",
        "-outfile", "server.pem", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth");
    tls.writePrivateKey();
    return tls;
  }

  /**
   * A self-signed CA certificate of another name in {@code directory} ({@code ca.pem}): trusting it
   * does not make a server certificate of {@link #generate} trusted.
   */
  public static Path selfSignedCa(Path directory, String name) {
    keytool(directory, "-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", "CN=" + name,
        "-ext", "bc:c=ca:true");
    keytool(directory, "-exportcert", "-keystore", "ca.p12", "-alias", "ca", "-rfc", "-file", "ca.pem");
    return directory.resolve("ca.pem");
  }

  /** The CA certificate (PEM): what a client trusts. */
  public Path caCertificate() {
    return directory.resolve("ca.pem");
  }

  /** The server certificate (PEM), for 127.0.0.1 and localhost: the broker's {@code tlsCertificateFilePath}. */
  public Path serverCertificate() {
    return directory.resolve("server.pem");
  }

  /** The server certificate's private key (PKCS#8 PEM): the broker's {@code tlsKeyFilePath}. */
  public Path serverKey() {
    return directory.resolve("server.key.pem");
  }

  private void writePrivateKey() {
    try (InputStream in = Files.newInputStream(directory.resolve("server.p12"))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
      Files.writeString(serverKey(), "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the server key in " + directory, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not read the server key keytool made in " + directory, e);
    }
  }

  private static void keytool(Path directory, String... arguments) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
    if (arguments[0].equals("-genkeypair")) {
      command.addAll(List.of("-keyalg", "RSA", "-keysize", "2048", "-validity", "7"));
    } else if (arguments[0].equals("-gencert")) {
      command.addAll(List.of("-validity", "7"));
    }
    try {
      Files.createDirectories(directory);
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + arguments[0] + " failed in " + directory + ": " + output.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run keytool in " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running keytool", e);
    }
  }
}
