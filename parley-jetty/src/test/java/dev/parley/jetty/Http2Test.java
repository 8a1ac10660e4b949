package dev.parley.jetty;

import static dev.parley.jetty.TestApi.at;
import static dev.parley.jetty.TestApi.input;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** h2c on the same port as HTTP/1.1: by {@code Upgrade: h2c} and by prior knowledge. */
class Http2Test {
  private JettyTransport transport;

  @BeforeEach
  void start() {
    transport = new TestApi().start();
  }

  @AfterEach
  void stop() {
    transport.close();
  }

  @Test
  void upgradesToH2c() {
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
      HttpResponse<String> first = TestApi.get(http, at(transport, "/todos.list"));
      HttpResponse<String> second = TestApi.post(http, at(transport, "/todos.add"),
          "{\"text\":\"over h2\"}");

      assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(first.body()).contains("milk");
      assertThat(second.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(second.body()).contains("over h2");
    }
  }

  @Test
  void speaksH2cByPriorKnowledge() throws Exception {
    var jetty = new org.eclipse.jetty.client.HttpClient(
        new HttpClientTransportOverHTTP2(new HTTP2Client()));
    jetty.start();
    try {
      ContentResponse query = jetty.newRequest(at(transport, "/todos.get?" + input("{\"id\":1}")))
          .send();
      ContentResponse mutation = jetty.newRequest(at(transport, "/todos.add"))
          .method(HttpMethod.POST)
          .body(new StringRequestContent("application/json", "{\"text\":\"prior\"}"))
          .send();

      assertThat(query.getVersion()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(query.getStatus()).isEqualTo(200);
      assertThat(query.getContentAsString()).contains("\"text\":\"milk\"");
      assertThat(mutation.getVersion()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(mutation.getContentAsString()).contains("\"text\":\"prior\"");
    } finally {
      jetty.stop();
    }
  }

  @Test
  void takesTheServersOwnOriginAsSameOriginOverH2c() throws Exception {
    var jetty = new org.eclipse.jetty.client.HttpClient(
        new HttpClientTransportOverHTTP2(new HTTP2Client()));
    jetty.start();
    try {
      String self = "http://127.0.0.1:" + transport.port();
      ContentResponse same = jetty.newRequest(at(transport, "/todos.add"))
          .method(HttpMethod.POST).headers(h -> h.put("Origin", self))
          .body(new StringRequestContent("application/json", "{\"text\":\"same origin\"}"))
          .send();
      ContentResponse other = jetty.newRequest(at(transport, "/todos.add"))
          .method(HttpMethod.POST).headers(h -> h.put("Origin", "http://evil.example"))
          .body(new StringRequestContent("application/json", "{\"text\":\"cross\"}"))
          .send();

      assertThat(same.getVersion()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(same.getStatus()).as(same.getContentAsString()).isEqualTo(200);
      assertThat(other.getStatus()).isEqualTo(403);
    } finally {
      jetty.stop();
    }
  }
}
