/**
 * Benchmarks against real servers the test kit starts. Every figure is a ratio against a
 * baseline measured in the same run. Not part of the product: these classes may use the
 * Milvus SDK directly, for the naive baseline and the searching application.
 */
package dev.milvusmigrate.bench;
