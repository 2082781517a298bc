package dev.milvusmigrate.cli;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression of a Grafana panel selects: what is left once strings,
 * label matchers, range and grouping clauses, Grafana variables, functions and keywords are taken out.
 */
final class PromQlMetricNames {

  private static final Pattern[] NOT_NAMES = {
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\""),
      Pattern.compile("\\{[^}]*}"),
      Pattern.compile("\\[[^]]*]"),
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)"),
      Pattern.compile("\\$\\{[^}]*}|\\$\\w+"),
  };
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][\\w:]*)(\\s*\\()?");
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
      "offset", "bool", "and", "or", "unless", "inf", "nan");

  private static final Pattern LABEL_VALUES = Pattern.compile("\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*");

  private PromQlMetricNames() {}

  /** The names a dashboard variable's query selects: {@code label_values(SELECTOR, label)} or PromQL. */
  static Set<String> ofVariableQuery(String query) {
    Matcher labelValues = LABEL_VALUES.matcher(query);
    return of(labelValues.matches() ? labelValues.group(1) : query);
  }

  static Set<String> of(String expression) {
    String rest = expression;
    for (Pattern notName : NOT_NAMES) {
      rest = notName.matcher(rest).replaceAll(" ");
    }
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(rest);
    while (identifier.find()) {
      boolean function = identifier.group(2) != null;
      if (!function && !KEYWORDS.contains(identifier.group(1).toLowerCase())) {
        names.add(identifier.group(1));
      }
    }
    return names;
  }
}
