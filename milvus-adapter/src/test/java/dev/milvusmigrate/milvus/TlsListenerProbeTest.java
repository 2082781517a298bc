package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.tls.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sockets on 127.0.0.1: a TLS listener (with and without client certificates) and plain ones. */
class TlsListenerProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  @TempDir
  static Path dir;
  private static TestCertificates certificates;

  @BeforeAll
  static void makeCertificates() {
    certificates = TestCertificates.create(dir);
  }

  @Test
  void aTlsListenerAnswersTls() throws Exception {
    assertThat(probeTlsListener(false)).isTrue();
  }

  @Test
  void aTlsListenerThatRequiresAClientCertificateAnswersTlsToo() throws Exception {
    assertThat(probeTlsListener(true)).isTrue();
  }

  @Test
  void aPlainListenerThatAnswersInPlainTextDoesNot() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
          client.getInputStream().read(new byte[512]);
          out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // the probe gave up first
        }
      });
      answer.start();
      assertThat(TlsListenerProbe.answersTls("127.0.0.1", server.getLocalPort(), TIMEOUT)).isFalse();
      answer.join();
    }
  }

  @Test
  void aClosedPortDoesNot() throws Exception {
    int port;
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = server.getLocalPort();
    }
    assertThat(TlsListenerProbe.answersTls("127.0.0.1", port, TIMEOUT)).isFalse();
  }

  private boolean probeTlsListener(boolean clientCertificates) throws Exception {
    try (SSLServerSocket server = (SSLServerSocket) certificates.serverContext().getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setNeedClientAuth(clientCertificates);
      Thread accept = new Thread(() -> {
        try (Socket client = server.accept(); InputStream in = client.getInputStream()) {
          in.read();
        } catch (IOException e) {
          // a handshake the server refused ends here
        }
      });
      accept.start();
      boolean answered = TlsListenerProbe.answersTls("127.0.0.1", server.getLocalPort(), TIMEOUT);
      accept.join();
      return answered;
    }
  }
}
