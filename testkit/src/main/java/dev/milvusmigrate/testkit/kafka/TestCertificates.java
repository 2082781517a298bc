package dev.milvusmigrate.testkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made by the JDK's keytool for one test run, in PKCS12 stores that share one
 * password: a test CA, the broker's certificate (for 127.0.0.1 and localhost) and a client
 * certificate, both signed by that CA, a trust store with the CA, and a trust store with another
 * CA only, which trusts neither.
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
    return new TestCertificates(directory.resolve("broker.p12"), directory.resolve("client.p12"),
        directory.resolve("ca-truststore.p12"), directory.resolve("other-ca-truststore.p12"), password);
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
