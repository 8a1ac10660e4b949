package dev.parley.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A graceful close: calls in flight finish within the grace, those whose body is still arriving
 * included; new requests on open connections get the JSON {@code SERVICE_UNAVAILABLE}; close
 * returns as soon as the last call is done.
 */
class ShutdownTest {
  private static final String HOST = "Host: 127.0.0.1\r\n";

  @Test
  void finishesACallWhoseBodyIsStillArriving() throws Exception {
    TestApi api = new TestApi();
    JettyTransport transport = JettyTransport.builder(api.server).host("127.0.0.1")
        .shutdownGrace(Duration.ofSeconds(5)).start();
    try (RawHttp c = new RawHttp(transport.port())) {
      c.send("POST /parley/todos.add HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
          + "Content-Length: 16\r\nConnection: close\r\n\r\n{\"text\":");
      Thread.sleep(200); // the call is in the handler, reading its body
      long start = System.nanoTime();
      Thread closer = Thread.ofVirtual().start(transport::close);
      Thread.sleep(500);
      c.send("\"later\"}");
      String answer = c.readAll(5000);
      assertThat(RawHttp.status(answer)).as(answer).isEqualTo(200);
      assertThat(RawHttp.body(answer)).contains("\"text\":\"later\"");
      closer.join(Duration.ofSeconds(10));
      assertThat(closer.isAlive()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void answersNewRequestsOnOpenConnectionsWithJson503WhileCallsFinish() throws Exception {
    TestApi api = new TestApi();
    JettyTransport transport = JettyTransport.builder(api.server).host("127.0.0.1")
        .shutdownGrace(Duration.ofSeconds(10)).start();
    try (RawHttp busy = new RawHttp(transport.port());
         RawHttp idle = new RawHttp(transport.port())) {
      idle.send("GET /parley/todos.list HTTP/1.1\r\n" + HOST + "\r\n");
      assertThat(RawHttp.status(idle.readAll(1000))).isEqualTo(200); // kept alive
      busy.send("POST /parley/slow HTTP/1.1\r\n" + HOST + "Content-Type: application/json\r\n"
          + "Content-Length: 0\r\nConnection: close\r\n\r\n");
      assertThat(api.entered.await(10, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      Thread closer = Thread.ofVirtual().start(transport::close);
      Thread.sleep(300);
      idle.send("GET /parley/todos.list HTTP/1.1\r\n" + HOST + "Connection: close\r\n\r\n");
      String refused = idle.readAll(3000);
      assertThat(RawHttp.status(refused)).as(refused).isEqualTo(503);
      assertThat(RawHttp.body(refused)).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
      assertThat(closer.isAlive()).as("close waits for the call in flight").isTrue();

      api.release.countDown();
      String done = busy.readAll(5000);
      assertThat(RawHttp.status(done)).as(done).isEqualTo(200);
      closer.join(Duration.ofSeconds(10));
      assertThat(closer.isAlive()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("returns once the last call is done")
          .isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void refusesNewConnectionsOnceClosing() throws Exception {
    TestApi api = new TestApi();
    JettyTransport transport = api.start();
    CompletableFuture<Void> closed = CompletableFuture.runAsync(transport::close);
    closed.get(10, TimeUnit.SECONDS);
    assertThat(transport.toString()).endsWith("closed]");
  }
}
