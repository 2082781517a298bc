package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedWriteDecoder;
import dev.milvusmigrate.milvus.api.UnreadableWrite;
import io.grpc.Metadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the write calls the source answered into {@link dev.milvusmigrate.milvus.api.AcknowledgedWrite}s
 * for a recorder. A write that cannot be read cannot be recorded either: it is counted, logged and
 * thrown, so the application learns its write was not recorded.
 */
final class AcknowledgedWrites {

  private static final Logger log = LoggerFactory.getLogger(AcknowledgedWrites.class);

  private final AcknowledgedWriteDecoder decoder = new AcknowledgedWriteDecoder();
  private final WriteRecorder recorder;
  private final Runnable unreadable;

  /** @param unreadable told of each write that could not be read */
  AcknowledgedWrites(WriteRecorder recorder, Runnable unreadable) {
    this.recorder = recorder;
    this.unreadable = unreadable;
  }

  /** @param headers the application's request headers */
  void answered(String method, Metadata headers, String dbnameHeader, byte[] request, byte[] response) {
    try {
      decoder.decode(method, dbnameHeader, request, response).ifPresent(write -> recorder.record(write, headers));
    } catch (UnreadableWrite e) {
      unreadable.run();
      log.warn("A call of {} that the source acknowledged could not be read: {}", method, e.getMessage());
      throw e;
    }
  }
}
