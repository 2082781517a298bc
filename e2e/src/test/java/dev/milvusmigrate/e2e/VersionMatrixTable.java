package dev.milvusmigrate.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The version matrix's results as markdown: one row per source, one column per target, each cell
 * the collections (by shape) that came out exact, with auto_id off as said, refused, or failed;
 * then every refusal and failure with its message. Pure.
 */
final class VersionMatrixTable {

  record Result(String source, String target, String shape, MatrixOutcome outcome) {}

  private final List<String> sources;
  private final List<String> targets;
  private final List<Result> results = new ArrayList<>();

  /** Every server as a source and as a target. */
  VersionMatrixTable(List<String> servers) {
    this(servers, servers);
  }

  VersionMatrixTable(List<String> sources, List<String> targets) {
    this.sources = List.copyOf(sources);
    this.targets = List.copyOf(targets);
  }

  void add(Result result) {
    results.add(result);
  }

  List<Result> failures() {
    return results.stream().filter(result -> !result.outcome().kind().acceptable()).toList();
  }

  String markdown() {
    StringBuilder out = new StringBuilder("| source \\ target | ").append(String.join(" | ", targets)).append(" |\n|---|");
    out.append("---|".repeat(targets.size())).append('\n');
    for (String source : sources) {
      out.append("| **").append(source).append("** |");
      for (String target : targets) {
        out.append(' ').append(cell(source, target)).append(" |");
      }
      out.append('\n');
    }
    List<Result> explained = results.stream()
        .filter(result -> result.outcome().kind() == MatrixOutcome.Kind.REFUSED || !result.outcome().kind().acceptable())
        .toList();
    if (!explained.isEmpty()) {
      out.append("\nRefusals and failures, with the message the tool printed:\n\n");
      for (Result result : explained) {
        out.append("- ").append(result.source()).append(" → ").append(result.target()).append(", ")
            .append(result.shape()).append(": ").append(result.outcome().kind() == MatrixOutcome.Kind.REFUSED
                ? "refused" : "**FAILED**").append(" — ").append(escape(result.outcome().detail())).append('\n');
      }
    }
    return out.toString();
  }

  private String cell(String source, String target) {
    Map<MatrixOutcome.Kind, List<String>> byKind = new LinkedHashMap<>();
    for (MatrixOutcome.Kind kind : MatrixOutcome.Kind.values()) {
      byKind.put(kind, new ArrayList<>());
    }
    results.stream().filter(result -> result.source().equals(source) && result.target().equals(target))
        .forEach(result -> byKind.get(result.outcome().kind()).add(result.shape()));
    return byKind.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
        .map(entry -> label(entry.getKey()) + ": " + String.join(", ", entry.getValue()))
        .collect(Collectors.joining("<br>"));
  }

  private static String label(MatrixOutcome.Kind kind) {
    return switch (kind) {
      case EXACT -> "exact";
      case AUTO_ID_OFF_SAID -> "keys kept, auto_id off (said)";
      case ELEMENT_LENGTH_SAID -> "array element max_length 65535 (said)";
      case REFUSED -> "refused";
      case FAILED -> "**FAILED**";
    };
  }

  private static String escape(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
