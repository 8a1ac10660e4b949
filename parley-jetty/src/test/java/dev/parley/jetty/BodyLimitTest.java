package dev.parley.jetty;

import static dev.parley.jetty.TestApi.MAX_BODY_BYTES;
import static dev.parley.jetty.TestApi.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies over {@code maxBodyBytes} are refused with 413 in tRPC's error JSON, and the next call works. */
class BodyLimitTest {
  private static final String TOO_LARGE = "{\"error\":{\"message\":\"Request body is larger than "
      + MAX_BODY_BYTES + " bytes\",\"code\":-32013,"
      + "\"data\":{\"code\":\"PAYLOAD_TOO_LARGE\",\"httpStatus\":413}}}";

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private JettyTransport transport;

  @BeforeEach
  void start() {
    transport = new TestApi().start();
  }

  @AfterEach
  void stop() {
    transport.close();
    http.close();
  }

  @Test
  void refusesBodyAnnouncedOverTheLimitThenServesTheNextCall() {
    HttpResponse<String> r = TestApi.post(http, at(transport, "/todos.add"), todo(MAX_BODY_BYTES + 1));

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo(TOO_LARGE);
    assertThat(TestApi.post(http, at(transport, "/todos.add"), todo(100)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void refusesChunkedBodyOverTheLimitThenServesTheNextCall() {
    byte[] big = todo(3 * MAX_BODY_BYTES).getBytes(StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(at(transport, "/todos.add"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
        .build();

    HttpResponse<String> r = TestApi.send(http, request);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).isEqualTo(TOO_LARGE);
    assertThat(TestApi.post(http, at(transport, "/todos.add"), todo(100)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void acceptsBodyOfExactlyTheLimit() {
    HttpResponse<String> r = TestApi.post(http, at(transport, "/todos.add"), todo(MAX_BODY_BYTES));

    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void refusesBodyOverTheLimitOnH2c() throws Exception {
    var jetty = new org.eclipse.jetty.client.HttpClient(
        new HttpClientTransportOverHTTP2(new HTTP2Client()));
    jetty.start();
    try {
      ContentResponse r = jetty.newRequest(at(transport, "/todos.add")).method(HttpMethod.POST)
          .body(new StringRequestContent("application/json", todo(MAX_BODY_BYTES + 1))).send();
      ContentResponse next = jetty.newRequest(at(transport, "/todos.list")).send();

      assertThat(r.getVersion()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(r.getStatus()).isEqualTo(413);
      assertThat(r.getContentAsString()).isEqualTo(TOO_LARGE);
      assertThat(next.getStatus()).isEqualTo(200);
    } finally {
      jetty.stop();
    }
  }

  /** A todo's JSON of exactly {@code bytes} bytes. */
  private static String todo(int bytes) {
    String frame = "{\"text\":\"\"}";
    return "{\"text\":\"" + "x".repeat(bytes - frame.length()) + "\"}";
  }
}
