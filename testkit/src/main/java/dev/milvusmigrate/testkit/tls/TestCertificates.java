package dev.milvusmigrate.testkit.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made by the JDK's keytool for one test run, in PKCS12 stores that share one
 * password: a test CA, the broker's certificate (for 127.0.0.1 and localhost; any server's, e.g.
 * a Milvus) and a client certificate, both signed by that CA, a trust store with the CA, and a
 * trust store with another CA only, which trusts neither. The same certificates and keys are also
 * written as PEM files, for servers and clients that read PEM (Milvus, gRPC, pymilvus).
 */
public record TestCertificates(Path brokerKeystore, Path clientKeystore, Path truststore, Path otherTruststore,
    String password) {

  private static final String TYPE = "PKCS12";

  /** Creates the stores in {@code directory}; each keytool call is a process of the running JDK's keytool. */
  public static TestCertificates create(Path directory) {
    String password = UUID.randomUUID().toString();
    Keytool keytool = new Keytool(directory, password);
    keytool.authority("ca");
    keytool.signed("broker", "ca", "SAN=dns:localhost,ip:127.0.0.1");
    keytool.signed("client", "ca", null);
    keytool.authority("other-ca");
    TestCertificates certificates = new TestCertificates(directory.resolve("broker.p12"), directory.resolve("client.p12"),
        directory.resolve("ca-truststore.p12"), directory.resolve("other-ca-truststore.p12"), password);
    certificates.writeKeyPem(certificates.brokerKeystore(), "broker", certificates.serverKeyPem());
    certificates.writeKeyPem(certificates.clientKeystore(), "client", certificates.clientKeyPem());
    return certificates;
  }

  /** The CA's certificate, PEM. */
  public Path caPem() {
    return pem("ca.pem");
  }

  /** The server's (the broker's) certificate, PEM. */
  public Path serverCertificatePem() {
    return pem("broker.pem");
  }

  /** The private key of {@link #serverCertificatePem()}, PEM (PKCS#8). */
  public Path serverKeyPem() {
    return pem("broker.key");
  }

  /** The client certificate, PEM. */
  public Path clientCertificatePem() {
    return pem("client.pem");
  }

  /** The private key of {@link #clientCertificatePem()}, PEM (PKCS#8). */
  public Path clientKeyPem() {
    return pem("client.key");
  }

  /** The other CA's certificate, PEM: it signed none of the certificates. */
  public Path otherCaPem() {
    return pem("other-ca.pem");
  }

  /** A TLS context that trusts the CA and presents the client certificate to servers that ask for one. */
  public SSLContext clientContext() {
    return context(clientKeystore);
  }

  /** A TLS context for a server with the server certificate, trusting client certificates the CA signed. */
  public SSLContext serverContext() {
    return context(brokerKeystore);
  }

  private SSLContext context(Path keystore) {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(keystore), password.toCharArray());
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load(truststore));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build a TLS context from the test certificates", e);
    }
  }

  private Path pem(String name) {
    return brokerKeystore.resolveSibling(name);
  }

  private KeyStore load(Path store) throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore keyStore = KeyStore.getInstance(TYPE);
      keyStore.load(in, password.toCharArray());
      return keyStore;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + store, e);
    }
  }

  /** keytool cannot export a private key; the key store API can. */
  private void writeKeyPem(Path store, String alias, Path file) {
    try {
      Key key = load(store).getKey(alias, password.toCharArray());
      String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(key.getEncoded());
      Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the key " + alias + " of " + store, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  public String storeType() {
    return TYPE;
  }

  private record Keytool(Path directory, String password) {

    /** A self-signed CA in {@code <name>.p12}, its certificate in {@code <name>.pem} and {@code <name>-truststore.p12}. */
    void authority(String name) {
      run("-genkeypair", "-keystore", file(name + ".p12"), "-alias", name, "-dname", "CN=milvus-migrate " + name,
          "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-ext", "bc:c");
      run("-exportcert", "-keystore", file(name + ".p12"), "-alias", name, "-rfc", "-file", file(name + ".pem"));
      run("-importcert", "-keystore", file(name + "-truststore.p12"), "-alias", name, "-file", file(name + ".pem"),
          "-noprompt");
    }

    /** A key in {@code <name>.p12} whose certificate {@code ca} signed, with the CA's certificate before it. */
    void signed(String name, String ca, String extension) {
      run("-genkeypair", "-keystore", file(name + ".p12"), "-alias", name, "-dname", "CN=" + name,
          "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2");
      run("-certreq", "-keystore", file(name + ".p12"), "-alias", name, "-file", file(name + ".csr"));
      List<String> sign = new ArrayList<>(List.of("-gencert", "-keystore", file(ca + ".p12"), "-alias", ca,
          "-infile", file(name + ".csr"), "-outfile", file(name + ".pem"), "-rfc", "-validity", "2"));
      if (extension != null) {
        sign.addAll(List.of("-ext", extension));
      }
      run(sign.toArray(String[]::new));
      run("-importcert", "-keystore", file(name + ".p12"), "-alias", ca, "-file", file(ca + ".pem"), "-noprompt");
      run("-importcert", "-keystore", file(name + ".p12"), "-alias", name, "-file", file(name + ".pem"));
    }

    private String file(String name) {
      return directory.resolve(name).toString();
    }

    private void run(String... args) {
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
          .toString()));
      command.addAll(List.of(args));
      command.addAll(List.of("-storetype", TYPE, "-storepass", password));
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IllegalStateException("keytool " + args[0] + " failed: " + output.strip());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot run keytool", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while running keytool", e);
      }
    }
  }
}
