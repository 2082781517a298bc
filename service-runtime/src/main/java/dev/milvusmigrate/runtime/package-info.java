/**
 * What every service runs on. {@link dev.milvusmigrate.runtime.ServiceLauncher} is the {@code
 * main} of each (settings, metrics endpoint, SIGTERM) and {@link
 * dev.milvusmigrate.runtime.ServiceConfig} the base of each one's settings. A job service (one that
 * works on the jobs of the jobs topic) is a {@link dev.milvusmigrate.runtime.JobServiceHost}, which
 * owns the lifecycle every such service shares, given the service's {@link
 * dev.milvusmigrate.runtime.JobRunnerFactory}: which jobs it takes and one {@link
 * dev.milvusmigrate.runtime.JobRunner} per job. {@link dev.milvusmigrate.runtime.LogContext} and
 * {@link dev.milvusmigrate.runtime.MeterTags} name the job in log lines and meters alike.
 */
package dev.milvusmigrate.runtime;
