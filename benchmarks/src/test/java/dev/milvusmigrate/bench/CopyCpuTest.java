package dev.milvusmigrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyCpuTest {

  @Test
  void perGbDividesByTheBytesMovedWithAndWithoutTheCompilers() {
    CopyCpu copy = new CopyCpu(20.0, 5.0, 500_000_000L);

    assertThat(copy.perGb()).isEqualTo(40.0);
    assertThat(copy.perGbWithoutCompilers()).isEqualTo(30.0);
  }

  @Test
  void theComparisonSaysWhetherTheGoalWasMet() {
    CopyCpu direct = new CopyCpu(10.0, 2.0, 1_000_000_000L);

    assertThat(CopyCpu.comparison(new CopyCpu(14.0, 2.0, 1_000_000_000L), direct))
        .isEqualTo("CPU s per GB moved, this JVM: (a) 14.0 (JIT compilers 2.0 of them), (b) 10.0 (2.0);"
            + " (a)/(b) = 1.40 (goal <= 1.5: met); without the compilers 1.50");
    assertThat(CopyCpu.comparison(new CopyCpu(30.0, 10.0, 1_000_000_000L), direct))
        .contains("(a)/(b) = 3.00 (goal <= 1.5: MISSED); without the compilers 2.50");
  }
}
