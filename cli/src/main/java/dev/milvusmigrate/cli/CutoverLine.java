package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import java.util.List;
import java.util.Optional;

/**
 * The line {@code status JOB} shows for a job captured by a capture-proxy once a cutover of it was
 * started: which server the proxy serves, from the proxy's state topic (oldest record first). Pure.
 */
final class CutoverLine {

  private CutoverLine() {}

  static Optional<String> of(String job, String proxy, List<ProxyChange> state) {
    return state.stream().filter(step -> job.equals(step.getJobId())).reduce((first, second) -> second)
        .map(step -> "Cutover:    " + switch (step.getKind()) {
          case SWITCHED -> "the capture-proxy for source '" + proxy + "' serves the target " + step.getDetail() + ".";
          case CUTOVER_ABANDONED -> step.getDetail();
          default -> "under way: the capture-proxy for source '" + proxy + "' holds the writes.";
        } + "\n");
  }
}
