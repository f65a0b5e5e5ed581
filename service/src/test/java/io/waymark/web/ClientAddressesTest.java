package io.waymark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.waymark.config.InvalidSettingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Which address a request counts as coming from, for each edge: direct, ALB/HAProxy, API Gateway.
 */
class ClientAddressesTest {

    @Test
    void withoutTrustedProxiesTheSocketAddressIsTheClientWhateverTheHeadersSay() {
        var addresses = new ClientAddresses(new ClientAddresses.Settings(List.of(), null));

        assertThat(addresses.of(request("203.0.113.9", "X-Forwarded-For", "198.51.100.1")))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedForwardedForIsTheClient() {
        var addresses =
                new ClientAddresses(
                        new ClientAddresses.Settings(List.of("10.0.0.0/16"), "x-forwarded-for"));

        // The client made up the first entry; the ALB (10.0.1.5) appended the address it really
        // saw.
        assertThat(addresses.of(request("10.0.1.5", "X-Forwarded-For", "1.2.3.4, 198.51.100.7")))
                .isEqualTo("198.51.100.7");
        assertThat(addresses.of(request("10.0.1.5", "X-Forwarded-For", "198.51.100.7, 10.0.2.9")))
                .isEqualTo("198.51.100.7");
        assertThat(addresses.of(request("10.0.1.5"))).isEqualTo("10.0.1.5");
        assertThat(addresses.of(request("192.0.2.1", "X-Forwarded-For", "198.51.100.7")))
                .as("not from the proxy: the header is the client's own claim")
                .isEqualTo("192.0.2.1");
    }

    @Test
    void apiGatewaysRfc7239ForwardedHeaderIsReadWhenConfigured() {
        var addresses =
                new ClientAddresses(
                        new ClientAddresses.Settings(List.of("10.0.0.0/16"), "forwarded"));

        assertThat(
                        addresses.of(
                                request(
                                        "10.0.3.3",
                                        "Forwarded",
                                        "by=10.0.3.3;for=198.51.100.8;host=api.example.com;proto=https")))
                .isEqualTo("198.51.100.8");
        assertThat(addresses.of(request("10.0.3.3", "Forwarded", "for=\"[2001:db8::17]:4711\"")))
                .isEqualTo("2001:db8::17");
        assertThat(
                        addresses.of(
                                request(
                                        "10.0.3.3",
                                        "Forwarded",
                                        "for=192.0.2.200:1234, for=198.51.100.9")))
                .isEqualTo("198.51.100.9");
        assertThat(addresses.of(request("10.0.3.3", "X-Forwarded-For", "198.51.100.1")))
                .as("the other header is ignored: a client could have written it")
                .isEqualTo("10.0.3.3");
    }

    @Test
    void aBadSettingNamesItsVariable() {
        assertThatThrownBy(
                        () ->
                                new ClientAddresses(
                                        new ClientAddresses.Settings(
                                                List.of("10.0.0.0/99x"), null)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("WAYMARK_TRUSTED_PROXIES:");
        assertThatThrownBy(
                        () ->
                                new ClientAddresses(
                                        new ClientAddresses.Settings(List.of(), "x-real-ip")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("WAYMARK_FORWARDED_HEADER:");
    }

    @Test
    void httpsIsWhatTheTrustedProxysConfiguredHeaderSays() {
        var alb =
                new ClientAddresses(
                        new ClientAddresses.Settings(List.of("10.0.0.0/16"), "x-forwarded-for"));
        var apiGateway =
                new ClientAddresses(
                        new ClientAddresses.Settings(List.of("10.0.0.0/16"), "forwarded"));

        assertThat(alb.overHttps(request("10.0.1.5", "X-Forwarded-Proto", "https"))).isTrue();
        assertThat(alb.overHttps(request("10.0.1.5", "X-Forwarded-Proto", "https, http")))
                .as("the proxy's own value is the last")
                .isFalse();
        assertThat(alb.overHttps(request("192.0.2.1", "X-Forwarded-Proto", "https")))
                .as("not from the proxy")
                .isFalse();
        assertThat(alb.overHttps(request("10.0.1.5", "Forwarded", "for=1.2.3.4;proto=https")))
                .as("not the configured header")
                .isFalse();
        assertThat(
                        apiGateway.overHttps(
                                request(
                                        "10.0.3.3",
                                        "Forwarded",
                                        "by=10.0.3.3;for=198.51.100.8;host=api.example.com;proto=https")))
                .isTrue();
        assertThat(apiGateway.overHttps(request("10.0.3.3", "Forwarded", "for=198.51.100.8")))
                .isFalse();
        assertThat(
                        new ClientAddresses(new ClientAddresses.Settings(List.of(), null))
                                .overHttps(request("10.0.1.5", "X-Forwarded-Proto", "https")))
                .as("no trusted proxies")
                .isFalse();
    }

    private static MockHttpServletRequest request(String remote, String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(remote);
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        return request;
    }
}
