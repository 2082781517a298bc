package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TlsSettings;
import io.milvus.shaded.io.grpc.ClientInterceptor;
import io.milvus.shaded.io.grpc.ManagedChannel;
import io.milvus.shaded.io.grpc.Metadata;
import io.milvus.shaded.io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.milvus.shaded.io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.milvus.shaded.io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.milvus.shaded.io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.milvus.shaded.io.grpc.stub.MetadataUtils;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** Opens the gRPC channel to a Milvus endpoint: plaintext or TLS, and the authorization header. */
final class GrpcChannels {

  private static final int MAX_INBOUND_BYTES = 512 * 1024 * 1024;
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private GrpcChannels() {}

  static ManagedChannel open(MilvusEndpoint endpoint) {
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
        .maxInboundMessageSize(MAX_INBOUND_BYTES)
        .keepAliveTime(60, TimeUnit.SECONDS)
        .keepAliveTimeout(10, TimeUnit.SECONDS);
    TlsSettings tls = endpoint.tls();
    if (tls.enabled()) {
      builder.sslContext(sslContext(endpoint));
      if (tls.serverName() != null && !tls.serverName().isBlank()) {
        builder.overrideAuthority(tls.serverName());
      }
    } else {
      builder.usePlaintext();
    }
    return builder.build();
  }

  /** Milvus reads the token, or {@code user:password}, base64-encoded from this header. */
  static ClientInterceptor authorization(MilvusEndpoint endpoint) {
    Metadata headers = new Metadata();
    if (!endpoint.authorization().isEmpty()) {
      String encoded = Base64.getEncoder().encodeToString(endpoint.authorization().getBytes(StandardCharsets.UTF_8));
      headers.put(AUTHORIZATION, encoded);
    }
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  private static SslContext sslContext(MilvusEndpoint endpoint) {
    TlsSettings tls = endpoint.tls();
    try {
      SslContextBuilder builder = GrpcSslContexts.forClient();
      if (tls.caCertPath() != null && !tls.caCertPath().isBlank()) {
        builder.trustManager(new File(tls.caCertPath()));
      }
      if (tls.mutual()) {
        builder.keyManager(new File(tls.clientCertPath()), new File(tls.clientKeyPath()));
      }
      return builder.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw StatusTranslator.build(MilvusAccessException.Kind.UNREACHABLE, endpoint.label(),
          "set up TLS from the configured certificate files", e.getMessage(), e);
    }
  }
}
