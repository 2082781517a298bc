package dev.milvusmigrate.verification;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order in which Milvus pages primary keys: INT64 numerically, VARCHAR by UTF-8 bytes (Go
 * string order), which differs from {@link String#compareTo} for characters beyond the BMP.
 */
public final class PrimaryKeyOrder implements Comparator<Object> {

  public static final PrimaryKeyOrder INSTANCE = new PrimaryKeyOrder();

  private PrimaryKeyOrder() {}

  @Override
  public int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof String x && b instanceof String y) {
      return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
    }
    throw new IllegalArgumentException("Primary keys must all be INT64 or all VARCHAR, got "
        + a.getClass().getSimpleName() + " and " + b.getClass().getSimpleName() + ".");
  }
}
