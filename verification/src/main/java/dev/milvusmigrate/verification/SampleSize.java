package dev.milvusmigrate.verification;

/** How many entities verification compares field by field: a random sample plus the highest keys. */
public record SampleSize(int random, int highest) {

  public SampleSize {
    if (random < 0 || highest < 0) {
      throw new IllegalArgumentException("sample sizes cannot be negative");
    }
  }

  public static SampleSize defaults() {
    return new SampleSize(100, 20);
  }
}
