package dev.milvusmigrate.sink;

import dev.milvusmigrate.sink.ChangedKeys.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a live verification at cutover for one collection, from its baseline keys, the
 * last comparison of every entity compared since, and both sides' {@code count(*)}. The distinct
 * keys of a side are the baseline's, minus the compared entities the baseline held, plus those
 * present now. Pure.
 *
 * @param countsAgree whether each side's {@code count(*)} equals its distinct keys so derived; if
 *     not, a change the mutations topic does not show (or a duplicate key) makes the derivation
 *     unsafe and the collection needs a full verification
 */
record CutoverTally(long sourceDistinct, long targetDistinct, long missingInTarget, long unexpectedInTarget,
    int mismatched, List<String> examples, boolean countsAgree) {

  static CutoverTally of(SortedKeys sourceBaseline, SortedKeys targetBaseline, Map<Object, Comparison> compared,
      long sourceCount, long targetCount, int maxExamples) {
    long sourceDistinct = sourceBaseline.size();
    long targetDistinct = targetBaseline.size();
    long missing = 0;
    long unexpected = 0;
    int mismatched = 0;
    boolean complete = true;
    List<String> examples = new ArrayList<>();
    for (Map.Entry<Object, Comparison> entry : compared.entrySet()) {
      Object key = entry.getKey();
      Comparison comparison = entry.getValue();
      if (comparison == null) {
        complete = false;
        continue;
      }
      sourceDistinct += (comparison.inSource() ? 1 : 0) - (sourceBaseline.contains(key) ? 1 : 0);
      targetDistinct += (comparison.inTarget() ? 1 : 0) - (targetBaseline.contains(key) ? 1 : 0);
      String example = null;
      if (comparison.inSource() && !comparison.inTarget()) {
        missing++;
        example = "missing in target: " + key;
      } else if (!comparison.inSource() && comparison.inTarget()) {
        unexpected++;
        example = "unexpected in target: " + key;
      } else if (!comparison.equal()) {
        mismatched++;
        example = "mismatched: " + key;
      }
      if (example != null && examples.size() < maxExamples) {
        examples.add(example);
      }
    }
    boolean countsAgree = complete && sourceCount == sourceDistinct && targetCount == targetDistinct;
    return new CutoverTally(sourceDistinct, targetDistinct, missing, unexpected, mismatched, examples, countsAgree);
  }
}
