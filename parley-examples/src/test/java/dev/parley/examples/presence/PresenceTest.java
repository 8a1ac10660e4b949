package dev.parley.examples.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.examples.chat.ChatRoom;
import dev.parley.examples.chat.DemoTokens;
import dev.parley.examples.chat.Rooms;
import dev.parley.examples.live.SlowFeed;
import dev.parley.examples.todos.TodoDemo;
import dev.parley.examples.todos.TodoStore;
import dev.parley.testing.ParleyTest;
import dev.parley.testing.TestServer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's presence room through Jetty and Java WebSocket clients: the count on join and leave. */
class PresenceTest {
  private final TestServer test = ParleyTest.http(TodoDemo.server(new TodoStore(), new ChatRoom(),
      new Rooms(), new SlowFeed(), new DemoTokens("user-secret", "agent-secret")));

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void everyoneOnlineHearsTheCountWhenSomeoneComesOrGoes() throws Exception {
    BlockingQueue<Integer> first = new LinkedBlockingQueue<>();
    BlockingQueue<Integer> second = new LinkedBlockingQueue<>();
    ParleyClient<Shared> a = test.websocket();
    a.on(PresenceApi.PRESENCE, p -> first.add(p.online()));
    assertThat(first.poll(5, TimeUnit.SECONDS)).isEqualTo(1);

    ParleyClient<Shared> b = test.websocket();
    b.on(PresenceApi.PRESENCE, p -> second.add(p.online()));
    assertThat(first.poll(5, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(second.poll(5, TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(test.server().room(PresenceServer.ROOM).size()).isEqualTo(2);

    b.close();
    assertThat(first.poll(5, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(second.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(test.server().room(PresenceServer.ROOM).size()).isEqualTo(1);
  }
}
