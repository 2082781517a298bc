package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The forwarding itself, against a gRPC server of any method that shows what reached it ({@link EchoSource}). */
class PassThroughServerTest {

  private static final String INSERT = "milvus.proto.milvus.MilvusService/Insert";
  private static final String SEARCH = "milvus.proto.milvus.MilvusService/Search";
  private static final int MIB = 1024 * 1024;

  private EchoSource source;
  private PassThroughServer proxy;
  private ManagedChannel application;

  @BeforeEach
  void start() {
    source = new EchoSource();
    proxy = PassThroughServer.start(ProxyScripts.config(Map.of("source.uri", source.uri(),
        "proxy.max-request-size", String.valueOf(8 * MIB))), write -> { }, () -> { });
    application = Grpc.newChannelBuilderForAddress("127.0.0.1", proxy.port(), InsecureChannelCredentials.create())
        .maxInboundMessageSize(Integer.MAX_VALUE).build();
  }

  @AfterEach
  void stop() throws Exception {
    application.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    proxy.close();
    source.close();
  }

  @Test
  void aCallReachesTheSourceWithItsMethodHeadersAndBytesAndItsAnswerComesBackWhole() throws Exception {
    Metadata headers = new Metadata();
    headers.put(EchoSource.key("authorization"), "cm9vdDpNaWx2dXM=");
    headers.put(EchoSource.key("dbname"), "shop");
    headers.put(EchoSource.APP, "app-1");
    headers.put(EchoSource.REPLY_STATUS, "NOT_FOUND");
    byte[] request = "raw request bytes".getBytes(StandardCharsets.UTF_8);

    RecordedCall call = RecordedCall.run(application, INSERT, CallOptions.DEFAULT, headers, List.of(request));

    EchoSource.Received received = source.received.take();
    assertThat(received.method()).isEqualTo(INSERT);
    assertThat(received.headers().get(EchoSource.key("authorization"))).isEqualTo("cm9vdDpNaWx2dXM=");
    assertThat(received.headers().get(EchoSource.key("dbname"))).isEqualTo("shop");
    assertThat(call.messages()).containsExactly(request);
    assertThat(call.headers().get(EchoSource.ECHO)).isEqualTo("app-1");
    assertThat(call.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(call.status().getDescription()).isEqualTo("the source says NOT_FOUND");
    assertThat(call.trailers().get(EchoSource.TRAILER)).isEqualTo("trailer of " + INSERT);
  }

  @Test
  void aStreamGoesThroughMessageByMessageInOrder() throws Exception {
    List<byte[]> requests = List.of(new byte[] {1}, new byte[] {2, 2}, new byte[] {3, 3, 3});

    RecordedCall call = RecordedCall.run(application, "some.Service/Stream", CallOptions.DEFAULT, new Metadata(),
        requests);

    assertThat(call.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(call.messages()).containsExactlyElementsOf(requests);
  }

  @Test
  void theApplicationsDeadlineBindsTheCallToTheSource() throws Exception {
    RecordedCall.run(application, INSERT, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
        new Metadata(), List.of(new byte[1]));
    RecordedCall.run(application, INSERT, CallOptions.DEFAULT, new Metadata(), List.of(new byte[1]));

    EchoSource.Received withDeadline = source.received.take();
    assertThat(withDeadline.deadline()).isNotNull();
    assertThat(withDeadline.deadline().timeRemaining(TimeUnit.SECONDS)).isBetween(1L, 30L);
    assertThat(source.received.take().deadline()).isNull();
  }

  @Test
  void compressedMessagesStayCompressedBothWays() throws Exception {
    Metadata headers = new Metadata();
    headers.put(EchoSource.REPLY_GZIP, "yes");
    byte[] request = new byte[10_000];

    RecordedCall call = RecordedCall.run(application, INSERT, CallOptions.DEFAULT.withCompression("gzip"), headers,
        List.of(request));

    assertThat(source.received.take().headers().get(CallForwarder.MESSAGE_ENCODING)).isEqualTo("gzip");
    assertThat(call.headers().get(CallForwarder.MESSAGE_ENCODING)).isEqualTo("gzip");
    assertThat(call.messages()).containsExactly(request);
  }

  @Test
  void messagesUpToTheConfiguredLimitPassAndLargerOnesAreReset() throws Exception {
    // Both above gRPC's default limit of 4 MiB, which would refuse them, one above the proxy's 8 MiB.
    byte[] fits = new byte[7 * MIB];
    Arrays.fill(fits, (byte) 7);

    RecordedCall passed = RecordedCall.run(application, SEARCH, CallOptions.DEFAULT, new Metadata(), List.of(fits));
    RecordedCall refused = RecordedCall.run(application, SEARCH, CallOptions.DEFAULT, new Metadata(),
        List.of(new byte[9 * MIB]));

    assertThat(passed.status().getCode()).isEqualTo(Status.Code.OK);
    assertThat(passed.messages()).containsExactly(fits);
    // gRPC-Java resets the stream; a source below the proxy's limit answers RESOURCE_EXHAUSTED itself.
    assertThat(refused.status().getCode()).isEqualTo(Status.Code.CANCELLED);
    assertThat(refused.messages()).isEmpty();
  }

  @Test
  void aWriteThatCannotBeRecordedIsAnErrorForTheApplicationNotASuccess() throws Exception {
    // The source's answer (the echo of an empty request) is a success without keys: unreadable.
    try (PassThroughServer recordingFails = PassThroughServer.start(ProxyScripts.config(Map.of(
        "source.uri", source.uri())), write -> { }, () -> {
          throw new IllegalStateException("Kafka is down");
        })) {
      ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", recordingFails.port(),
          InsecureChannelCredentials.create()).build();
      try {
        RecordedCall call = RecordedCall.run(channel, INSERT, CallOptions.DEFAULT, new Metadata(),
            List.of(new byte[0]));

        assertThat(source.received.take().method()).isEqualTo(INSERT);
        assertThat(call.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(call.status().getDescription()).isEqualTo("The source acknowledged this write but the proxy could"
            + " not record it (Kafka is down); it may have been applied: check it or write it again.");
      } finally {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void anUnreachableSourceIsUnavailableToTheApplication() throws Exception {
    source.close();

    RecordedCall call = RecordedCall.run(application, INSERT, CallOptions.DEFAULT, new Metadata(),
        List.of(new byte[1]));

    assertThat(call.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }
}
