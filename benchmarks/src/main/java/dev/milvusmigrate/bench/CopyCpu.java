package dev.milvusmigrate.bench;

/**
 * CPU seconds a copy cost this JVM, of which its JIT compilers, and the payload it moved: issue
 * 22's CPU per GB. The compilers are shown apart because their work is a one-time cost per process
 * (it ends once the code is compiled), while the rest recurs with every GB.
 */
record CopyCpu(double jvmSeconds, double compilerSeconds, long bytes) {

  static final double GOAL_VS_DIRECT = 1.5;

  double perGb() {
    return jvmSeconds / (bytes / 1e9);
  }

  double perGbWithoutCompilers() {
    return (jvmSeconds - compilerSeconds) / (bytes / 1e9);
  }

  /**
   * e.g. {@code CPU s per GB moved: (a) 33.0 (JIT compilers 10.0 of them), (b) 12.0 (2.0); (a)/(b) = 2.75
   * (goal <= 1.5: MISSED); without the compilers 2.30}.
   */
  static String comparison(CopyCpu pipeline, CopyCpu direct) {
    double ratio = pipeline.perGb() / direct.perGb();
    return String.format("CPU s per GB moved, this JVM: (a) %.1f (JIT compilers %.1f of them), (b) %.1f (%.1f);"
            + " (a)/(b) = %.2f (goal <= %.1f: %s); without the compilers %.2f", pipeline.perGb(),
        pipeline.perGb() - pipeline.perGbWithoutCompilers(), direct.perGb(),
        direct.perGb() - direct.perGbWithoutCompilers(), ratio, GOAL_VS_DIRECT,
        ratio <= GOAL_VS_DIRECT ? "met" : "MISSED", pipeline.perGbWithoutCompilers() / direct.perGbWithoutCompilers());
  }
}
