package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusCatalog;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class BothLoadedTest {

  private static final CollectionName SOURCE = new CollectionName("src", "films");
  private static final CollectionName TARGET = new CollectionName("dst", "films");

  @Test
  void loadsWhatWasReleasedOnBothSidesAndReleasesOnlyThatAgain() {
    Catalog source = new Catalog(true, false);
    Catalog target = new Catalog(false, false);

    try (BothLoaded loads = BothLoaded.load(source.proxy(), SOURCE, target.proxy(), TARGET)) {
      assertThat(target.calls).containsExactly("isLoaded", "load");
      assertThat(source.calls).containsExactly("isLoaded");
    }

    assertThat(target.calls).containsExactly("isLoaded", "load", "release");
    assertThat(source.calls).containsExactly("isLoaded");
  }

  @Test
  void aSourceThatCannotLoadReleasesTheTargetLoadedMeanwhile() {
    Catalog source = new Catalog(false, true);
    Catalog target = new Catalog(false, false);

    assertThatThrownBy(() -> BothLoaded.load(source.proxy(), SOURCE, target.proxy(), TARGET))
        .isInstanceOf(MilvusAccessException.class).hasMessageContaining("src.films");
    Awaitility.await().atMost(10, TimeUnit.SECONDS)
        .untilAsserted(() -> assertThat(target.calls).containsExactly("isLoaded", "load", "release"));
  }

  @Test
  void aTargetThatCannotLoadReleasesTheSourceLoadedHere() {
    Catalog source = new Catalog(false, false);
    Catalog target = new Catalog(false, true);

    assertThatThrownBy(() -> BothLoaded.load(source.proxy(), SOURCE, target.proxy(), TARGET))
        .isInstanceOf(MilvusAccessException.class).hasMessageContaining("dst.films");
    assertThat(source.calls).containsExactly("isLoaded", "load", "release");
  }

  /** The three calls a load touches, recorded; every other call fails the test. */
  private static final class Catalog {

    final List<String> calls = new CopyOnWriteArrayList<>();
    private final boolean loaded;
    private final boolean loadFails;

    Catalog(boolean loaded, boolean loadFails) {
      this.loaded = loaded;
      this.loadFails = loadFails;
    }

    MilvusCatalog proxy() {
      return (MilvusCatalog) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MilvusCatalog.class},
          (proxy, method, args) -> {
            String name = method.getName();
            calls.add(name);
            switch (name) {
              case "isLoaded":
                return loaded;
              case "load":
                if (loadFails) {
                  throw new MilvusAccessException(MilvusAccessException.Kind.SERVER_ERROR, "cannot load " + args[0]);
                }
                return null;
              case "release":
                return null;
              default:
                throw new AssertionError("unexpected call " + name);
            }
          });
    }
  }
}
