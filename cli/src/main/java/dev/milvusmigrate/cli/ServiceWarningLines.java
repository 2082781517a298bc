package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ServiceWarning;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The warnings of a followed job about services it lacks: each printed once when it appears (or
 * changes), and one line when it clears while the job runs.
 */
final class ServiceWarningLines {

  private final PrintStream stream;
  private Map<String, String> shown = Map.of();

  ServiceWarningLines(PrintStream stream) {
    this.stream = stream;
  }

  void update(JobStatus status) {
    Map<String, String> current = new LinkedHashMap<>();
    for (ServiceWarning warning : status.getServiceWarnings()) {
      current.put(warning.getService(), warning.getMessage());
    }
    current.forEach((service, message) -> {
      if (!message.equals(shown.get(service))) {
        stream.println("Warning: job " + status.getJobId() + ": " + message);
      }
    });
    if (!JobStates.isFinal(status.getState())) {
      shown.keySet().stream().filter(service -> !current.containsKey(service)).forEach(service ->
          stream.println("Job " + status.getJobId() + ": a " + service + " works on it again."));
    }
    stream.flush();
    shown = current;
  }
}
