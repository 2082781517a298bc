package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PulsarAdminApiTest {

  @Test
  void anErrorAnswerIsToldOnOneLine() {
    assertThat(PulsarAdminApi.brief("{\"reason\":\"Namespace does not exist\"}")).isEqualTo("Namespace does not exist");
    assertThat(PulsarAdminApi.brief("""
        <html>
        <head>
        <meta http-equiv="Content-Type" content="text/html;charset=ISO-8859-1"/>
        <title>Error 401 Authentication required</title>
        </head>
        <body><h2>HTTP ERROR 401 Authentication required</h2>
        <table><tr><th>URI:</th><td>/admin/v2/persistent/public/default</td></tr></table>
        </body>
        </html>
        """)).isEqualTo("Error 401 Authentication required");
    assertThat(PulsarAdminApi.brief("<html><title>Error 503\n Service Unavailable</title></html>"))
        .isEqualTo("Error 503 Service Unavailable");
    assertThat(PulsarAdminApi.brief(" busy,\n try later ")).isEqualTo("busy, try later");
    assertThat(PulsarAdminApi.brief("x".repeat(300))).hasSize(203).endsWith("...");
    assertThat(PulsarAdminApi.brief(null)).isEmpty();
  }
}
