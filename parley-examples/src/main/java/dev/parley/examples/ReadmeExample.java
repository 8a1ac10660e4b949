package dev.parley.examples;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.jetty.JettyTransport;
import dev.parley.server.Identity;
import dev.parley.server.Narrowing;
import dev.parley.server.ParleyServer;
import dev.parley.server.Procedures;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * The example of the README, verbatim between the {@code README:begin} and {@code README:end}
 * markers: a contract, a server on a free port and a client calling it. {@code ReadmeExampleTest}
 * runs it and checks that the README shows exactly this code.
 */
public final class ReadmeExample {
  private ReadmeExample() {}

  // README:begin
  public record NewTodo(@NotNull @Size(min = 1, max = 200) String text) {}
  public record Todo(long id, String text, String owner) {}
  public record SignedIn(String user) {}

  public static final Mutation<Shared, NewTodo, Todo> ADD =
      Parley.mutation("todos.add").input(NewTodo.class).output(Todo.class);
  public static final Contract CONTRACT = Contract.of(ADD);

  public static Todo addMilk() {
    var server = ParleyServer.builder(CONTRACT)
        .authenticate(request -> request.header("x-user")
            .map(user -> Identity.of(Role.SHARED, user)).orElse(Identity.anonymous()))
        .build();
    Narrowing<Identity<String>, SignedIn> signedIn = (id, call) -> id.principalIfAny()
        .map(SignedIn::new)
        .orElseThrow(() -> new ParleyException(ErrorCode.UNAUTHORIZED, "Sign in first"));
    Procedures<SignedIn> protectedProcedures = server.procedures().narrow(signedIn);
    protectedProcedures.implement(ADD, (ctx, in) -> new Todo(1, in.text(), ctx.user()))
        .resources((ctx, in, out) -> Set.of("todos", "todo/" + out.id()));
    try (var http = JettyTransport.start(server, 0);
         var client = ParleyClient.http(http.uri(), CONTRACT,
             ClientOptions.builder().header("x-user", "ada").build())) {
      return client.mutate(ADD, new NewTodo("milk")); // Todo[id=1, text=milk, owner=ada]
    }
  }
  // README:end
}
