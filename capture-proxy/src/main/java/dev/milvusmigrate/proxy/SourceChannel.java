package dev.milvusmigrate.proxy;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TlsSettings;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The proxy's connection to the source, shared by every forwarded call. */
final class SourceChannel {

  private SourceChannel() {}

  static ManagedChannel open(MilvusEndpoint source, int maxResponseSize) {
    return Grpc.newChannelBuilderForAddress(source.host(), source.port(), credentials(source.tls()))
        .maxInboundMessageSize(maxResponseSize)
        .maxInboundMetadataSize(PassThroughServer.MAX_METADATA_SIZE)
        .build();
  }

  private static ChannelCredentials credentials(TlsSettings tls) {
    if (!tls.enabled()) {
      return InsecureChannelCredentials.create();
    }
    try {
      TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
      if (tls.caCertPath() != null) {
        builder.trustManager(new File(tls.caCertPath()));
      }
      if (tls.mutual()) {
        builder.keyManager(new File(tls.clientCertPath()), new File(tls.clientKeyPath()));
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the source's TLS files: " + e.getMessage(), e);
    }
  }
}
