/**
 * Declared configuration: each service declares its keys once ({@link
 * dev.milvusmigrate.core.config.ConfigKey}: name, default, one-line doc, parser), and {@link
 * dev.milvusmigrate.core.config.ConfigLoader} resolves them from a properties file and
 * environment variables, failing at start with one clear sentence. Secret values are never
 * echoed in messages or descriptions.
 */
package dev.milvusmigrate.core.config;
