package dev.milvusmigrate.schemas;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import java.util.List;
import java.util.Optional;

/**
 * Which server the capture-proxy of a job serves, in one sentence, from the proxy's state topic
 * (oldest record first): the source until a cutover switched it, the target for good after that
 * (whichever job's cutover it was), the source again after an abandoned cutover. Pure; what
 * {@code status JOB} and the console show.
 */
public final class ProxyServing {

  private ProxyServing() {}

  /**
   * Why a new job cannot capture through the proxy of {@code proxy}: a cutover switched it to a
   * target, after which it serves that target and records nothing, so the job would miss every
   * write. Empty while the proxy serves its source.
   */
  public static Optional<String> refusal(String proxy, List<ProxyChange> state) {
    return state.stream().filter(step -> step.getKind() == ProxyChangeKind.SWITCHED).findFirst()
        .map(step -> "The capture-proxy for source '" + proxy + "' serves the target " + step.getDetail()
            + " since the cutover of job " + step.getJobId() + " and records no writes any more: to migrate from"
            + " that server, run a capture-proxy with a new proxy.source-id in front of it.");
  }

  /**
   * @param proxy the job's capture-proxy source id
   * @param sourceLabel the source's address as the job names it
   */
  public static String describe(String job, String proxy, String sourceLabel, List<ProxyChange> state) {
    String who = "The capture-proxy for source '" + proxy + "'";
    for (ProxyChange step : state) {
      if (step.getKind() == ProxyChangeKind.SWITCHED) {
        return who + " serves the target " + step.getDetail() + (job.equals(step.getJobId()) ? "."
            : " since the cutover of job " + step.getJobId() + ".");
      }
    }
    ProxyChange last = state.stream().filter(step -> job.equals(step.getJobId())).reduce((a, b) -> b).orElse(null);
    if (last != null && last.getKind() == ProxyChangeKind.CUTOVER_STARTED) {
      return "Cutover under way: " + who.substring(0, 1).toLowerCase() + who.substring(1) + " holds the writes.";
    }
    if (last != null && last.getKind() == ProxyChangeKind.CUTOVER_ABANDONED) {
      return last.getDetail();
    }
    return who + " serves the source " + sourceLabel + "; `milvus-migrate cutover " + job + "` switches it to the"
        + " target.";
  }
}
