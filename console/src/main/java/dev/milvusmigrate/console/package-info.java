/**
 * The migration console: a REST API, live events and a web page over the job topics. It reads
 * only the status, lag, progress and notification topics (and the services' announcements before
 * it submits a job) and writes only to the jobs and control topics; it never talks to Milvus and
 * holds no Milvus credentials.
 */
package dev.milvusmigrate.console;
