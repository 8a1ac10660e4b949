package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class InvokerTest {
  static final Query<Shared, String, Integer> LENGTH =
      Parley.query("length").input(String.class).output(Integer.class);

  @Test
  void invokeReturnsTheOutputOfTheCallWithoutItsResources() {
    Invoker invoker = new Invoker() {
      @Override
      @SuppressWarnings("unchecked")
      public <I, O> Result<O> call(Unary<?, I, O> procedure, @Nullable I input,
          Duration timeout) {
        return new Result<>((O) (Integer) String.valueOf(input).length(), Set.of("words"));
      }

      @Override
      public <I, O> Stream subscribe(Subscription<?, I, O> subscription, @Nullable I input,
          @Nullable String lastEventId, SubscriptionListener<O> listener) {
        throw new UnsupportedOperationException();
      }
    };

    assertThat(invoker.invoke(LENGTH, "four", Duration.ZERO)).isEqualTo(4);
  }
}
