package dev.milvusmigrate.milvus;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server's version string (e.g. {@code v2.3.5-lite}, {@code milvus_lite-3.2.2}) as numbers. */
record ServerVersion(String text, boolean milvusLite, int major, int minor, int patch) {

  private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

  static ServerVersion parse(String text) {
    Matcher matcher = NUMBERS.matcher(text);
    boolean lite = text.toLowerCase(java.util.Locale.ROOT).startsWith("milvus_lite");
    if (!matcher.find()) {
      return new ServerVersion(text, lite, 0, 0, 0);
    }
    return new ServerVersion(text, lite, Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)));
  }

  /** True for a Milvus server (not Milvus Lite) with a known version before the given release. */
  boolean isMilvusBefore(int wantedMajor, int wantedMinor, int wantedPatch) {
    return major > 0 && !milvusLite && !isMilvusAtLeast(wantedMajor, wantedMinor, wantedPatch);
  }

  /** True for a Milvus server (not Milvus Lite) at or after the given release. */
  boolean isMilvusAtLeast(int wantedMajor, int wantedMinor, int wantedPatch) {
    if (milvusLite) {
      return false;
    }
    if (major != wantedMajor) {
      return major > wantedMajor;
    }
    return minor != wantedMinor ? minor > wantedMinor : patch >= wantedPatch;
  }
}
