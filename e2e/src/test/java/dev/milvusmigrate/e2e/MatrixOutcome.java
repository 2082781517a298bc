package dev.milvusmigrate.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one migration of one collection in the version matrix came to, judged from the job's exit
 * and output and from pymilvus dumps of both sides: exact; keys kept with auto_id turned off and
 * the report saying so; refused before anything was written, naming a field or the collection; or
 * a failure (a silent difference, a write before a refusal, an error). Pure.
 */
record MatrixOutcome(Kind kind, String detail) {

  enum Kind {
    EXACT, AUTO_ID_OFF_SAID, ELEMENT_LENGTH_SAID, REFUSED, FAILED;

    boolean acceptable() {
      return this != FAILED;
    }
  }

  static final String AUTO_ID_NOTE = "auto_id was turned off on the target to keep the source's primary keys";
  static final String ELEMENT_LENGTH_NOTE = "The source does not report the max_length of the elements of ARRAY field";
  private static final Pattern FIELD_NAME = Pattern.compile("\"name\": \"([^\"]+)\"");
  private static final int MOST_DETAIL = 300;

  /** The job's view of one collection and the two sides as pymilvus dumped them afterwards. */
  record Observed(String collection, int exitCode, String out, String err, List<String> sourceDump,
      List<String> targetDump, List<String> targetBefore, List<String> targetAfter) {}

  static MatrixOutcome judge(Observed seen) {
    if (seen.exitCode() == 2) {
      return refusal(seen);
    }
    if (seen.exitCode() != 0 || !seen.out().contains("ended SUCCESSFUL")) {
      return new MatrixOutcome(Kind.FAILED, "exit " + seen.exitCode() + ": " + firstLine(seen.err() + "\n" + seen.out()));
    }
    if (seen.targetDump().equals(seen.sourceDump())) {
      return new MatrixOutcome(Kind.EXACT, "");
    }
    if (seen.out().contains(AUTO_ID_NOTE) && seen.targetDump().equals(withAutoIdOff(seen.sourceDump()))) {
      return new MatrixOutcome(Kind.AUTO_ID_OFF_SAID, "keys kept, auto_id off on the target (said in the report)");
    }
    if (seen.out().contains(ELEMENT_LENGTH_NOTE) && sameWithElementLengthsFilled(seen.sourceDump(), seen.targetDump())) {
      return new MatrixOutcome(Kind.ELEMENT_LENGTH_SAID, "ARRAY of VARCHAR given max_length 65535 (said in the report)");
    }
    return new MatrixOutcome(Kind.FAILED, "silent difference: " + firstDifference(seen.sourceDump(), seen.targetDump()));
  }

  /**
   * Equal entities, and schemas equal but for the max_length the source did not report on an ARRAY of
   * VARCHAR, which the target has as 65535.
   */
  private static boolean sameWithElementLengthsFilled(List<String> source, List<String> target) {
    if (source.isEmpty() || source.size() != target.size()
        || !source.subList(0, source.size() - 1).equals(target.subList(0, target.size() - 1))) {
      return false;
    }
    JsonObject schema = JsonParser.parseString(source.get(source.size() - 1)).getAsJsonObject();
    for (JsonElement field : schema.getAsJsonArray("fields")) {
      JsonObject params = field.getAsJsonObject().getAsJsonObject("params");
      if ("VARCHAR".equals(elementType(field)) && params != null
          && !params.has("max_length")) {
        params.addProperty("max_length", 65535);
      }
    }
    return schema.equals(JsonParser.parseString(target.get(target.size() - 1)));
  }

  private static String elementType(JsonElement field) {
    JsonElement type = field.getAsJsonObject().get("element_type");
    return type == null || type.isJsonNull() ? null : type.getAsString();
  }

  private static MatrixOutcome refusal(Observed seen) {
    if (!seen.targetAfter().equals(seen.targetBefore())) {
      return new MatrixOutcome(Kind.FAILED, "refused after writing: the target's collections went from "
          + seen.targetBefore() + " to " + seen.targetAfter());
    }
    String message = firstLine(seen.err());
    boolean named = message.contains(seen.collection()) || fieldNames(seen.sourceDump()).stream()
        .anyMatch(field -> message.contains("'" + field + "'"));
    return named ? new MatrixOutcome(Kind.REFUSED, message)
        : new MatrixOutcome(Kind.FAILED, "refused without naming the field or collection: " + message);
  }

  private static List<String> withAutoIdOff(List<String> dump) {
    List<String> changed = new java.util.ArrayList<>(dump);
    int schema = changed.size() - 1;
    changed.set(schema, changed.get(schema).replace("\"auto_id\": true", "\"auto_id\": false"));
    return changed;
  }

  private static List<String> fieldNames(List<String> dump) {
    if (dump.isEmpty()) {
      return List.of();
    }
    Matcher matcher = FIELD_NAME.matcher(dump.get(dump.size() - 1));
    return matcher.results().map(match -> match.group(1)).toList();
  }

  private static String firstDifference(List<String> source, List<String> target) {
    if (source.size() != target.size()) {
      return source.size() + " lines in the source's dump, " + target.size() + " in the target's";
    }
    for (int i = 0; i < source.size(); i++) {
      if (!source.get(i).equals(target.get(i))) {
        return "line " + (i + 1) + ": " + shorten(source.get(i)) + " became " + shorten(target.get(i));
      }
    }
    return "none";
  }

  private static String firstLine(String text) {
    return shorten(text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("(no message)"));
  }

  private static String shorten(String text) {
    return text.length() <= MOST_DETAIL ? text : text.substring(0, MOST_DETAIL) + "...";
  }
}
