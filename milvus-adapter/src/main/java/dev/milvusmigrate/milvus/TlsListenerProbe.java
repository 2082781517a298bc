package dev.milvusmigrate.milvus;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Tells whether a port that refused a plaintext client speaks TLS: it opens a TLS handshake and
 * looks only at whether the answer is TLS (a completed handshake, or a TLS alert such as a server
 * that wants a client certificate sends). It trusts any certificate because it decides nothing
 * but what to tell the user, and sends nothing over the connection.
 */
final class TlsListenerProbe {

  private TlsListenerProbe() {}

  static boolean answersTls(String host, int port, Duration timeout) {
    int millis = (int) timeout.toMillis();
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(host, port), millis);
      plain.setSoTimeout(millis);
      try (SSLSocket tls = (SSLSocket) anyCertificate().getSocketFactory().createSocket(plain, host, port, false)) {
        tls.startHandshake();
        return true;
      }
    } catch (SSLHandshakeException e) {
      return e.getMessage() != null && e.getMessage().startsWith("Received fatal alert");
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  private static SSLContext anyCertificate() throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    return context;
  }
}
