package io.budai.admin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard on webhook URLs. IP literals only: no DNS needed. */
class UrlGuardTests {

  private final UrlGuard guard = new UrlGuard(false);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook",
        "http://127.9.9.9:8080/hook",
        "http://localhost/hook",
        "http://0.0.0.0/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.10/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[::1]/",
        "http://[fd00::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://224.0.0.1/",
        "http://255.255.255.255/"
      })
  void refusesInternalAddresses(String url) {
    assertThat(guard.check(url))
        .hasValueSatisfying(r -> assertThat(r).isInstanceOf(UrlGuard.Refusal.Forbidden.class));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://93.184.216.34/", "file:///etc/passwd", "http:///nohost", "", "gopher://x"})
  void refusesWhatIsNotAnHttpUrl(String url) {
    assertThat(guard.check(url))
        .hasValueSatisfying(r -> assertThat(r).isInstanceOf(UrlGuard.Refusal.Invalid.class));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://93.184.216.34/hook", "http://[2606:4700::1111]:8443/x"})
  void acceptsPublicAddresses(String url) {
    assertThat(guard.check(url)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://10.0.0.5/"})
  void acceptsPrivateAddressesWhenAllowed(String url) {
    assertThat(new UrlGuard(true).check(url)).isEmpty();
  }
}
