package dev.milvusmigrate.console;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.schemas.JobSpecs;
import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /v2/jobs}: which kind of job, between which servers, named by address
 * only (the services deployed for them hold the credentials), which database (required for an
 * offline job; for a zero-downtime job it scopes the job to that database, which is otherwise
 * every database), for a zero-downtime job the capture-proxy's source id when capture reads the proxy's
 * topic, and what becomes of the keys of auto-id collections ({@code autoId}: {@code keep-keys},
 * the default, or {@code regenerate}, offline only). Checked into a {@link JobSpec} with one sentence for the first thing wrong.
 */
record JobRequest(String mode, String jobId, String source, String target, String database,
    List<String> collections, String targetDatabase, String indexPolicy, Boolean loadAtEnd, String captureProxy,
    String autoId) {

  /** The job to submit; {@link ApiProblem#badRequest} when the request is incomplete or wrong. */
  JobSpec spec() {
    if (mode == null) {
      throw ApiProblem.badRequest("Give the job's mode: \"offline\" or \"zero-downtime\".");
    }
    String id = id();
    String sourceLabel = label("source", source);
    String targetLabel = label("target", target);
    IndexPolicy policy = policy();
    AutoIdKeys keys = autoIdKeys();
    return switch (mode.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "offline" -> {
        if (captureProxy != null) {
          throw ApiProblem.badRequest("An offline job reads no changes: leave out \"captureProxy\".");
        }
        if (database == null || database.isBlank()) {
          throw ApiProblem.badRequest("An offline job copies one database: give \"database\".");
        }
        yield JobSpecs.offline(id, database, collections == null ? List.of() : collections, targetDatabase,
            Boolean.TRUE.equals(loadAtEnd), policy, keys, sourceLabel, targetLabel);
      }
      case "zero-downtime" -> {
        if ((collections != null && !collections.isEmpty()) || targetDatabase != null) {
          throw ApiProblem.badRequest("A zero-downtime job copies whole databases into databases of the same name"
              + " (every database, or the one \"database\" names): leave out \"collections\" and \"targetDatabase\".");
        }
        if (database != null && database.isBlank()) {
          throw ApiProblem.badRequest("\"database\" is blank: name the one database to sync, or leave it out to sync"
              + " every database.");
        }
        if (keys == AutoIdKeys.REGENERATE) {
          throw ApiProblem.badRequest("\"autoId\": \"regenerate\" works only for offline jobs: a zero-downtime job"
              + " applies the source's deletes and upserts by the source's keys, which the target would not hold.");
        }
        JobSpec spec = JobSpecs.zeroDowntime(id, policy, sourceLabel, targetLabel);
        spec.setCaptureProxy(captureProxy);
        spec.setDatabase(database);
        yield spec;
      }
      default -> throw ApiProblem.badRequest("Mode '" + mode + "' is not a job mode: use \"offline\" or"
          + " \"zero-downtime\".");
    };
  }

  private String id() {
    try {
      return (jobId == null ? JobId.generated(mode.toLowerCase(Locale.ROOT).startsWith("z") ? "zdm" : "offline")
          : new JobId(jobId)).value();
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
  }

  private IndexPolicy policy() {
    if (indexPolicy == null) {
      return IndexPolicy.AUTOINDEX;
    }
    try {
      return IndexPolicy.valueOf(indexPolicy.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("'" + indexPolicy + "' is not an index policy: use \"autoindex\" or"
          + " \"copy-source\".");
    }
  }

  private AutoIdKeys autoIdKeys() {
    if (autoId == null) {
      return AutoIdKeys.KEEP;
    }
    return switch (autoId.toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "keep-keys" -> AutoIdKeys.KEEP;
      case "regenerate" -> AutoIdKeys.REGENERATE;
      default -> throw ApiProblem.badRequest("'" + autoId + "' is not an autoId choice: use \"keep-keys\" or"
          + " \"regenerate\".");
    };
  }

  /** The server's label; credentials in the address are refused, since the console must never see any. */
  private static String label(String role, String address) {
    if (address == null || address.isBlank()) {
      throw ApiProblem.badRequest("Give the " + role + " server's address, e.g. \"http://milvus:19530\", as"
          + " configured in the services.");
    }
    if (address.contains("@")) {
      throw ApiProblem.badRequest("Name the " + role + " by its address only, without credentials: the services"
          + " deployed for it hold them.");
    }
    try {
      return MilvusEndpoint.of(address.strip()).label();
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
  }
}
