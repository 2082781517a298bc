package dev.milvusmigrate.verification;

import java.util.Arrays;

/** An entity's primary key and the digest of its fields ({@link EntityDigests}). */
record DigestedEntity(Object key, byte[] digest) {

  boolean sameFields(DigestedEntity other) {
    return Arrays.equals(digest, other.digest);
  }
}
