package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * TLS on both sides of the proxy, with a self-signed test certificate for localhost and 127.0.0.1
 * (test resources {@code tls/}: {@code openssl req -x509 -newkey rsa:2048 -nodes -days 36500}, no
 * secret of anyone).
 */
class PassThroughTlsTest {

  private static final String METHOD = "milvus.proto.milvus.MilvusService/ListDatabases";
  private static final byte[] REQUEST = {4, 2};

  @Test
  void applicationsReachAProxyWithACertificateOnlyWithTls() throws Exception {
    try (EchoSource source = new EchoSource();
        PassThroughServer proxy = start(Map.of("source.uri", source.uri(), "proxy.tls.cert", file("cert.pem"),
            "proxy.tls.key", file("key.pem")))) {
      RecordedCall withTls = call(proxy.port(), TlsChannelCredentials.newBuilder()
          .trustManager(new File(file("cert.pem"))).build());
      RecordedCall inPlainText = call(proxy.port(), InsecureChannelCredentials.create());

      assertThat(withTls.status().getCode()).isEqualTo(Status.Code.OK);
      assertThat(withTls.messages()).containsExactly(REQUEST);
      assertThat(inPlainText.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  @Test
  void theProxyReachesATlsSourceThatItsCaCertificateVouchesFor() throws Exception {
    try (EchoSource source = new EchoSource(TlsServerCredentials.create(new File(file("cert.pem")),
        new File(file("key.pem"))))) {
      String uri = "https://localhost:" + source.port();
      try (PassThroughServer trusting = start(Map.of("source.uri", uri, "source.tls.ca-cert", file("cert.pem")));
          PassThroughServer distrusting = start(Map.of("source.uri", uri))) {
        RecordedCall trusted = call(trusting.port(), InsecureChannelCredentials.create());
        RecordedCall untrusted = call(distrusting.port(), InsecureChannelCredentials.create());

        assertThat(trusted.status().getCode()).isEqualTo(Status.Code.OK);
        assertThat(trusted.messages()).containsExactly(REQUEST);
        assertThat(untrusted.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      }
    }
  }

  private static PassThroughServer start(Map<String, String> settings) {
    return PassThroughServer.start(ProxyScripts.config(settings), write -> { }, () -> { });
  }

  private static RecordedCall call(int port, ChannelCredentials credentials) throws Exception {
    ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
    try {
      return RecordedCall.run(channel, METHOD, CallOptions.DEFAULT, new Metadata(), List.of(REQUEST));
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static String file(String name) throws URISyntaxException {
    return Path.of(PassThroughTlsTest.class.getResource("tls/" + name).toURI()).toString();
  }
}
