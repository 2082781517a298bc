package dev.milvusmigrate.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * Keeps the product's module boundaries: only milvus-adapter uses the Milvus SDK, and no domain
 * type depends on Kafka or Milvus. It reads the compiled production classes of every module the
 * parent POM lists except the tools, so a new module is checked without being named here; e2e
 * depends on the product's modules, so they are compiled before this test runs.
 */
class ModuleBoundariesTest {

  /** Not the product: they drive or inspect Milvus and Kafka from outside, so they are not checked. */
  private static final Set<String> TOOLS = Set.of("demo", "benchmarks", "e2e", "testkit");
  private static final String MILVUS_ADAPTER = "milvus-adapter";

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void onlyTheMilvusAdapterUsesTheMilvusSdk() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.milvus..")
        .because("only milvus-adapter talks to Milvus; the other modules use its types")
        .check(productClasses(module -> !module.equals(MILVUS_ADAPTER)));
  }

  @Test
  void domainTypesDependOnNeitherKafkaNorMilvus() {
    noClasses().that().resideInAPackage("..domain..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.milvus..")
        .because("the domain vocabulary is shared by every service and must not leak I/O concerns")
        .check(productClasses(module -> true));
  }

  @Test
  void theExceptionsNameExistingModules() {
    assertThat(modules()).containsAll(TOOLS).contains(MILVUS_ADAPTER);
  }

  /** The compiled production classes of the product's modules that {@code checked} accepts. */
  private static JavaClasses productClasses(Predicate<String> checked) {
    List<Path> classes = new ArrayList<>();
    for (String module : modules()) {
      if (!TOOLS.contains(module) && checked.test(module)
          && Files.isDirectory(ROOT.resolve(module).resolve("src/main/java"))) {
        Path compiled = ROOT.resolve(module).resolve("target/classes");
        assertThat(compiled).as("compiled classes of module %s (build it before this test)", module).isDirectory();
        classes.add(compiled);
      }
    }
    return new ClassFileImporter().importPaths(classes);
  }

  /** The modules the parent POM lists. */
  private static List<String> modules() {
    try {
      NodeList modules = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(ROOT.resolve("pom.xml").toFile()).getElementsByTagName("module");
      List<String> names = new ArrayList<>();
      for (int i = 0; i < modules.getLength(); i++) {
        names.add(modules.item(i).getTextContent().trim());
      }
      return names;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the modules of " + ROOT.resolve("pom.xml"), e);
    }
  }
}
