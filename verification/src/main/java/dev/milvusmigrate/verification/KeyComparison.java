package dev.milvusmigrate.verification;

import java.util.List;

/**
 * Result of merge-comparing the distinct primary keys of source and target.
 *
 * @param examples a few missing keys ({@code "missing in target: 17"}) and unexpected keys
 *     ({@code "unexpected in target: 99"})
 */
public record KeyComparison(long sourceDistinct, long targetDistinct, long missingInTarget, long unexpectedInTarget,
    List<String> examples) {

  public KeyComparison {
    examples = List.copyOf(examples);
  }
}
