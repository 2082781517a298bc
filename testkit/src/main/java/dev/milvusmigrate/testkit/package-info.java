/**
 * Real servers for tests, shared by every module's integration tests: an in-JVM KRaft Kafka
 * broker ({@code kafka}), Milvus Lite and Milvus standalone provisioned from PyPI
 * ({@code milvus}), and the process handling they need ({@code process}). Nothing here is a
 * mock: every extension starts the real thing and stops it when the test plan ends.
 */
package dev.milvusmigrate.testkit;
