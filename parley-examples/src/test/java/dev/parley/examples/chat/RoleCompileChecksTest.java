package dev.parley.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Role;
import dev.parley.client.ParleyClient;
import dev.parley.server.ParleyServer;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compile-time half of the role boundary: each row is a line that must not compile, with the
 * compiler error it must cause, and the corrected line, which must compile. Both are compiled here
 * with the JDK's compiler API against the demo's {@link ChatApi} and Parley's own jars.
 */
class RoleCompileChecksTest {
  /** One row of the table: what it checks, the wrong line, its error, and the corrected line. */
  record Row(String check, String wrong, String error, String right) {
    @Override
    public String toString() {
      return check;
    }
  }

  static Stream<Row> table() {
    return Stream.of(
        // events and client procedures
        new Row("the server emits a payload of the wrong type",
            "dev.parley.server.ParleyServer<?> s = null; s.emit(DEPLOYED, dev.parley.server.Recipients.everyone(), new Text(\"up\"));",
            "method emit in class dev.parley.server.ParleyServer<C> cannot be applied to given types",
            "dev.parley.server.ParleyServer<?> s = null; s.emit(DEPLOYED, dev.parley.server.Recipients.everyone(), new Message(1, \"bot\", \"agent\", \"up\"));"),
        new Row("the server calls an agent's client procedure on a user's connection",
            "dev.parley.server.ParleyServer<?> s = null; ClientProcedure<Agent, Text, Message> ap = Parley.clientProcedure(\"ap\").role(ChatApi.AGENT).input(Text.class).output(Message.class); dev.parley.server.Connection<User> c = null; s.call(c, ap, new Text(\"ok?\"));",
            "no suitable method found for call(dev.parley.server.Connection<dev.parley.examples.chat.ChatApi.User>,dev.parley.ClientProcedure<dev.parley.examples.chat.ChatApi.Agent,",
            "dev.parley.server.ParleyServer<?> s = null; ClientProcedure<User, Text, Message> up = Parley.clientProcedure(\"up\").role(ChatApi.USER).input(Text.class).output(Message.class); dev.parley.server.Connection<User> c = null; s.call(c, up, new Text(\"ok?\"));"),
        new Row("the server calls a user's client procedure on a connection not known to be a user's",
            "dev.parley.server.ParleyServer<?> s = null; ClientProcedure<User, Text, Message> up = Parley.clientProcedure(\"up\").role(ChatApi.USER).input(Text.class).output(Message.class); dev.parley.server.Connection<?> c = null; s.call(c, up, new Text(\"ok?\"));",
            "no suitable method found for call(dev.parley.server.Connection<capture#1 of ?>,dev.parley.ClientProcedure<dev.parley.examples.chat.ChatApi.User,",
            "dev.parley.server.ParleyServer<?> s = null; ClientProcedure<User, Text, Message> up = Parley.clientProcedure(\"up\").role(ChatApi.USER).input(Text.class).output(Message.class); dev.parley.server.Connection<?> c = null; c.as(ChatApi.USER).map(u -> s.call(u, up, new Text(\"ok?\")));"),
        new Row("a client registers an implementation of the wrong type",
            "ClientProcedure<User, Text, Message> up = Parley.clientProcedure(\"up\").role(ChatApi.USER).input(Text.class).output(Message.class); user.register(up, t -> new Text(t.text()));",
            "incompatible types: inference variable O has incompatible bounds",
            "ClientProcedure<User, Text, Message> up = Parley.clientProcedure(\"up\").role(ChatApi.USER).input(Text.class).output(Message.class); user.register(up, t -> new Message(1, \"ada\", \"user\", t.text()));"),
        new Row("a user client registers an agent's client procedure",
            "ClientProcedure<Agent, Text, Message> ap = Parley.clientProcedure(\"ap\").role(ChatApi.AGENT).input(Text.class).output(Message.class); user.register(ap, t -> new Message(1, \"ada\", \"user\", t.text()));",
            "method register in class dev.parley.client.ParleyClient<R> cannot be applied to given types",
            "ClientProcedure<User, Text, Message> up = Parley.clientProcedure(\"up\").role(ChatApi.USER).input(Text.class).output(Message.class); user.register(up, t -> new Message(1, \"ada\", \"user\", t.text()));"),
        new Row("a user client listens to an agent's event",
            "user.on(DEPLOYED, m -> { });",
            "method on in class dev.parley.client.ParleyClient<R> cannot be applied to given types",
            "Event<User, Message> e = Parley.event(\"e\").role(ChatApi.USER).payload(Message.class); user.on(e, m -> { });"),
        new Row("a client fires a client event with the wrong payload type",
            "ClientEvent<User, Text> typing = Parley.clientEvent(\"typing\").role(ChatApi.USER).payload(Text.class); user.emit(typing, new Message(1, \"ada\", \"user\", \"hi\"));",
            "method emit in class dev.parley.client.ParleyClient<R> cannot be applied to given types",
            "ClientEvent<User, Text> typing = Parley.clientEvent(\"typing\").role(ChatApi.USER).payload(Text.class); user.emit(typing, new Text(\"hi\"));"),
        new Row("a user client names an agent's mutation",
            "user.mutate(ChatApi.ANNOUNCE, new Text(\"hi\"));",
            "no suitable method found for mutate(dev.parley.Mutation<dev.parley.examples.chat.ChatApi.Agent,",
            "user.mutate(ChatApi.SAY, new Text(\"hi\"));"),
        new Row("a shared-surface client names a user's mutation",
            "anyone.mutate(ChatApi.SAY, new Text(\"hi\"));",
            "no suitable method found for mutate(dev.parley.Mutation<dev.parley.examples.chat.ChatApi.User,",
            "anyone.query(ChatApi.MESSAGES);"),
        new Row("a user client names an agent's query asynchronously",
            "user.mutateAsync(ChatApi.ANNOUNCE, new Text(\"hi\"));",
            "no suitable method found for mutateAsync",
            "user.mutateAsync(ChatApi.SAY, new Text(\"hi\"));"),
        new Row("a call with a wrong input type",
            "user.mutate(ChatApi.SAY, \"hi\");",
            "no suitable method found for mutate(dev.parley.Mutation<dev.parley.examples.chat.ChatApi.User,"
                + "dev.parley.examples.chat.ChatApi.Text,dev.parley.examples.chat.ChatApi.Message>,java.lang.String)",
            "user.mutate(ChatApi.SAY, new Text(\"hi\"));"),
        new Row("an output read as the wrong type",
            "String said = user.mutate(ChatApi.SAY, new Text(\"hi\"));",
            "incompatible types",
            "Message said = user.mutate(ChatApi.SAY, new Text(\"hi\"));"),
        new Row("a client claims a role its token type does not have",
            "ParleyClient<Agent> c = ParleyClient.inProcess(invoker, ChatApi.USER);",
            "incompatible types",
            "ParleyClient<User> c = ParleyClient.inProcess(invoker, ChatApi.USER);"),
        new Row("a user subscribes to an agent's topic",
            "ChatApi.USER.require(ALERTS);",
            "method require in class dev.parley.Role<R> cannot be applied to given types",
            "ChatApi.AGENT.require(ALERTS);"),
        new Row("a user receives an agent's event",
            "ChatApi.USER.require(DEPLOYED);",
            "method require in class dev.parley.Role<R> cannot be applied to given types",
            "ChatApi.AGENT.require(DEPLOYED);"),
        new Row("an agent opens a user's channel",
            "ChatApi.AGENT.require(ROOM);",
            "method require in class dev.parley.Role<R> cannot be applied to given types",
            "ChatApi.USER.require(ROOM);"),
        new Row("an agent opens a user's subscription",
            "ChatApi.AGENT.require(FEED);",
            "method require in class dev.parley.Role<R> cannot be applied to given types",
            "ChatApi.USER.require(FEED);"),
        new Row("a wrong payload for a topic",
            "ALERTS.message().validate(new Message(1, \"bot\", \"agent\", \"up\"));",
            "incompatible types: dev.parley.examples.chat.ChatApi.Message cannot be converted to"
                + " dev.parley.examples.chat.ChatApi.Text",
            "ALERTS.message().validate(new Text(\"up\"));"),
        new Row("a topic declared with another payload type than its schema",
            "Topic<Agent, Void, Message> t = Parley.topic(\"t\").role(ChatApi.AGENT).message(Text.class);",
            "incompatible types",
            "Topic<Agent, Void, Text> t = Parley.topic(\"t\").role(ChatApi.AGENT).message(Text.class);"),
        new Row("a topic declared for another role than its token",
            "Topic<User, Void, Text> t = Parley.topic(\"t\").role(ChatApi.AGENT).message(Text.class);",
            "incompatible types",
            "Topic<Agent, Void, Text> t = Parley.topic(\"t\").role(ChatApi.AGENT).message(Text.class);"),
        new Row("a channel message of the wrong type from the client",
            "ROOM.clientMessage().validate(new Message(1, \"ada\", \"user\", \"hi\"));",
            "incompatible types: dev.parley.examples.chat.ChatApi.Message cannot be converted to"
                + " dev.parley.examples.chat.ChatApi.Text",
            "ROOM.clientMessage().validate(new Text(\"hi\"));"),
        new Row("a channel message of the wrong type from the server",
            "ROOM.serverMessage().validate(new Text(\"hi\"));",
            "incompatible types: dev.parley.examples.chat.ChatApi.Text cannot be converted to"
                + " dev.parley.examples.chat.ChatApi.Message",
            "ROOM.serverMessage().validate(new Message(1, \"ada\", \"user\", \"hi\"));"),
        new Row("the server sends a channel the wrong message type",
            "server.send(ROOM, null, new Text(\"hi\"));",
            "method send in class dev.parley.server.ParleyServer<C> cannot be applied to given types",
            "server.send(ROOM, null, new Message(1, \"ada\", \"user\", \"hi\"));"),
        new Row("a client sends a channel the wrong message type",
            "user.connect(ROOM, null, null, m -> {}, e -> {}).send(new Message(1, \"a\", \"u\", \"x\"));",
            "incompatible types: dev.parley.examples.chat.ChatApi.Message cannot be converted to"
                + " dev.parley.examples.chat.ChatApi.Text",
            "user.connect(ROOM, null, null, m -> {}, e -> {}).send(new Text(\"x\"));"),
        new Row("a channel's server messages heard as the wrong type",
            "user.connect(ROOM, null, null, (Text m) -> {}, e -> {});",
            "method connect in class dev.parley.client.ParleyClient<R> cannot be applied to given types",
            "user.connect(ROOM, null, null, (Message m) -> {}, e -> {});"),
        new Row("the server publishes a wrong payload type to a topic",
            "server.publish(ALERTS, null, new Message(1, \"bot\", \"agent\", \"up\"));",
            "method publish in class dev.parley.server.ParleyServer<C> cannot be applied to given types",
            "server.publish(ALERTS, null, new Text(\"up\"));"),
        new Row("a user subscribes to an agent's topic through the client",
            "user.subscribe(ALERTS, null, m -> {}, e -> {});",
            "no suitable method found for subscribe",
            "agent.subscribe(ALERTS, null, m -> {}, e -> {});"),
        // peer messages: node to node, never a client's
        new Row("a client emits a peer message",
            "user.emit(EVICT, new Text(\"k\"));",
            "method emit in class dev.parley.client.ParleyClient<R> cannot be applied to given types",
            "server.tell(EVICT, new Text(\"k\"));"),
        new Row("a client listens to a peer message",
            "user.on(EVICT, t -> { });",
            "method on in class dev.parley.client.ParleyClient<R> cannot be applied to given types",
            "server.onPeer(EVICT, (t, fromNode) -> { });"),
        new Row("a client subscribes to a peer message",
            "agent.subscribe(EVICT, null, t -> {}, e -> {});",
            "no suitable method found for subscribe",
            "agent.subscribe(ALERTS, null, t -> {}, e -> {});"),
        new Row("the server emits a peer message to clients",
            "server.emit(EVICT, dev.parley.server.Recipients.everyone(), new Text(\"k\"));",
            "method emit in class dev.parley.server.ParleyServer<C> cannot be applied to given types",
            "server.tell(EVICT, new Text(\"k\"));"),
        new Row("the server tells a peer message of the wrong payload type",
            "server.tell(EVICT, new Message(1, \"bot\", \"agent\", \"up\"));",
            "method tell in class dev.parley.server.ParleyServer<C> cannot be applied to given types",
            "server.tell(EVICT, new Text(\"k\"));"),
        new Row("an agent connects a user's channel",
            "agent.connect(ROOM, null, null, m -> {}, e -> {});",
            "method connect in class dev.parley.client.ParleyClient<R> cannot be applied to given types",
            "user.connect(ROOM, null, null, m -> {}, e -> {});"));
  }

  private static final String TEMPLATE = """
      package snippets;

      import dev.parley.*;
      import dev.parley.client.ParleyClient;
      import dev.parley.examples.chat.ChatApi;
      import dev.parley.examples.chat.ChatApi.Agent;
      import dev.parley.examples.chat.ChatApi.Message;
      import dev.parley.examples.chat.ChatApi.Text;
      import dev.parley.examples.chat.ChatApi.User;

      class Snippet {
        static final Topic<Agent, Void, Text> ALERTS =
            Parley.topic("alerts").role(ChatApi.AGENT).message(Text.class);
        static final Event<Agent, Message> DEPLOYED =
            Parley.event("deployed").role(ChatApi.AGENT).payload(Message.class);
        static final Channel<User, Void, Void, Void, Text, Message> ROOM =
            Parley.channel("room").role(ChatApi.USER).clientMessage(Text.class).serverMessage(Message.class);
        static final PeerMessage<Text> EVICT = Parley.peerMessage("evict").payload(Text.class);
        static final Subscription<User, Void, Message> FEED =
            Parley.subscription("feed").role(ChatApi.USER).output(Message.class);

        static void run(ParleyClient<User> user, ParleyClient<Shared> anyone, Invoker invoker,
            ParleyClient<Agent> agent, dev.parley.server.ParleyServer<?> server) {
          LINE
        }
      }
      """;

  /** The line of {@code LINE} in {@link #TEMPLATE}, counted from 1. */
  private static final long SNIPPET_LINE =
      TEMPLATE.lines().takeWhile(l -> !l.contains("LINE")).count() + 1;

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void theWrongLineDoesNotCompileAndTheRightOneDoes(Row row) {
    List<Diagnostic<? extends JavaFileObject>> wrong = compile(row.wrong());
    assertThat(wrong).as("compiling %s", row.wrong()).isNotEmpty();
    assertThat(wrong).allSatisfy(d -> assertThat(d.getLineNumber()).isEqualTo(SNIPPET_LINE));
    assertThat(wrong.stream().map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.joining("\n")))
        .contains(row.error());

    assertThat(compile(row.right())).as("compiling %s", row.right()).isEmpty();
  }

  /** The errors of compiling the template with {@code line} in it; empty when it compiles. */
  private static List<Diagnostic<? extends JavaFileObject>> compile(String line) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject source = new SimpleJavaFileObject(
        URI.create("string:///snippets/Snippet.java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return TEMPLATE.replace("LINE", line);
      }
    };
    Path out = Path.of("target", "compile-checks");
    out.toFile().mkdirs();
    List<String> options = List.of("-classpath", classPath(), "-d", out.toString(),
        "-proc:none", "-Xlint:none", "--release", "21");
    boolean ok = javac.getTask(null, null, diagnostics, options, null, List.of(source)).call();
    List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d);
      }
    }
    assertThat(ok).isEqualTo(errors.isEmpty());
    return errors;
  }

  /** The jars and class folders of the demo, Parley's modules and their annotations. */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> c : List.of(ChatApi.class, Role.class, ParleyClient.class, ParleyServer.class,
        jakarta.validation.constraints.NotBlank.class, org.jspecify.annotations.Nullable.class)) {
      try {
        entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
