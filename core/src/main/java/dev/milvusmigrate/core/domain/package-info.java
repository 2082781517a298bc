/** Domain vocabulary shared by every service. No Kafka or Milvus types belong here. */
package dev.milvusmigrate.core.domain;
