package dev.milvusmigrate.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CrossSiteCheckTest {

  @Test
  void aJsonRequestFromTheConsolesOwnOriginOrWithoutOnePasses() {
    assertThat(CrossSiteCheck.refusal("application/json", null, "console:8090")).isEmpty();
    assertThat(CrossSiteCheck.refusal("application/json; charset=UTF-8", "http://console:8090", "console:8090"))
        .isEmpty();
  }

  @Test
  void whatAFormOfAnotherSiteCanSendIsRefused() {
    assertThat(CrossSiteCheck.refusal("application/x-www-form-urlencoded", null, "console:8090")).contains(
        "A control request needs a JSON body (Content-Type: application/json).");
    assertThat(CrossSiteCheck.refusal("text/plain", "http://console:8090", "console:8090")).isPresent();
    assertThat(CrossSiteCheck.refusal(null, null, "console:8090")).isPresent();
  }

  @Test
  void anotherOriginIsRefused() {
    assertThat(CrossSiteCheck.refusal("application/json", "https://evil.example", "console:8090")).contains(
        "A control request from another site (Origin https://evil.example) is refused: send it from the console's"
            + " own page or without an Origin header.");
    assertThat(CrossSiteCheck.refusal("application/json", "http://console:9999", "console:8090")).isPresent();
    assertThat(CrossSiteCheck.refusal("application/json", "null", "console:8090")).isPresent();
  }
}
