package dev.milvusmigrate.testkit.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StandaloneConfigTest {

  @Test
  void placeholdersTakeGivenValuesElseTheirDefaults() {
    String template = "port: {{ proxy_port(int): 19530 }}\nlevel: {{ etcd_log_level: info }}\ndir: {{ etcd_data_dir }}\n";

    String yaml = StandaloneConfig.fillPlaceholders(template, Map.of("proxy_port", "41000", "etcd_data_dir", "/d/etcd"));

    assertThat(yaml).isEqualTo("port: 41000\nlevel: info\ndir: /d/etcd\n");
  }

  @Test
  void placeholderWithoutValueOrDefaultIsAnError() {
    assertThatThrownBy(() -> StandaloneConfig.fillPlaceholders("dir: {{ etcd_data_dir }}\n", Map.of()))
        .hasMessage("The Milvus config template needs a value for etcd_data_dir");
  }
}
