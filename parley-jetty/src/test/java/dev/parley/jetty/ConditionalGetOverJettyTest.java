package dev.parley.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Contract;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ETags and {@code 304 Not Modified} through Jetty, on HTTP/1.1 and on h2c. */
class ConditionalGetOverJettyTest {
  static final Query<Shared, Void, String> NOTE =
      Parley.query("note").output(String.class).cacheable();
  static final Query<Shared, Void, String> VERSION =
      Parley.query("version").output(String.class).asStatic();
  static final Contract CONTRACT = Contract.of(NOTE, VERSION);

  private final AtomicInteger versionRuns = new AtomicInteger();
  private JettyTransport transport;

  @BeforeEach
  void start() {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(CONTRACT).build();
    server.implement(NOTE, (ctx, in) -> "hello");
    server.implement(VERSION, (ctx, in) -> "v" + versionRuns.incrementAndGet());
    transport = JettyTransport.builder(server).host("127.0.0.1").start();
  }

  @AfterEach
  void stop() {
    transport.close();
  }

  private URI at(String path) {
    return URI.create(transport.uri() + path);
  }

  @Test
  void answersNotModifiedOverHttp11WithNoBodyAndKeepsTheConnectionUsable() throws Exception {
    String tag;
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<String> first = http.send(HttpRequest.newBuilder(at("/note")).build(),
          HttpResponse.BodyHandlers.ofString());
      tag = first.headers().firstValue("etag").orElseThrow();
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.headers().firstValue("cache-control")).hasValue("no-cache");
    }
    String base = transport.uri().getPath();
    try (RawHttp raw = new RawHttp(transport.port())) {
      String request = "GET " + base + "/note HTTP/1.1\r\nHost: 127.0.0.1\r\nIf-None-Match: " + tag
          + "\r\n\r\n";
      raw.send(request + request);
      String answers = raw.readAll(1500);

      assertThat(answers.split("HTTP/1.1 304 Not Modified", -1)).hasSize(3);
      assertThat(answers).containsIgnoringCase("etag: " + tag).doesNotContain("hello");
    }
  }

  @Test
  void answersNotModifiedOverH2c() throws Exception {
    var jetty = new org.eclipse.jetty.client.HttpClient(
        new HttpClientTransportOverHTTP2(new HTTP2Client()));
    jetty.start();
    try {
      ContentResponse first = jetty.newRequest(at("/version")).send();
      String tag = first.getHeaders().get(HttpHeader.ETAG);
      ContentResponse again = jetty.newRequest(at("/version"))
          .headers(h -> h.put(HttpHeader.IF_NONE_MATCH, tag)).send();

      assertThat(first.getVersion()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(first.getContentAsString()).isEqualTo("{\"result\":{\"data\":\"v1\"}}");
      assertThat(first.getHeaders().get(HttpHeader.CACHE_CONTROL))
          .isEqualTo("public, max-age=31536000, immutable");
      assertThat(again.getVersion()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(again.getStatus()).isEqualTo(304);
      assertThat(again.getContent()).isEmpty();
      assertThat(again.getHeaders().get(HttpHeader.ETAG)).isEqualTo(tag);
      assertThat(versionRuns).as("the static output was computed once").hasValue(1);
    } finally {
      jetty.stop();
    }
  }
}
