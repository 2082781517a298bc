package dev.milvusmigrate.schemas.columns;

/** One sparse float vector: parallel arrays of uint32 indices (held in longs) and their values. */
public record SparseVector(long[] indices, float[] values) {

  public SparseVector {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(indices.length + " indices but " + values.length + " values");
    }
  }
}
