package dev.milvusmigrate.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** Bytes that cannot be decoded as the expected contract: bad header, unknown schema, or corrupt body. */
public final class PayloadDecodeException extends SerializationException {

  private static final long serialVersionUID = 1L;

  private final String expectedType;

  PayloadDecodeException(String expectedType, int length, String reason, Throwable cause) {
    super("Cannot decode " + length + " bytes as " + expectedType + ": " + reason, cause);
    this.expectedType = expectedType;
  }

  /** Simple name of the record type the bytes were expected to hold. */
  public String expectedType() {
    return expectedType;
  }
}
