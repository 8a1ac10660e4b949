package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCachingTest {
  record BuildInfo(String version) {}

  record Id(long id) {}

  @Test
  void aQueryIsNeitherStaticNorCacheableUntilSaidSo() {
    Query<Shared, Void, BuildInfo> plain = Parley.query("buildInfo").output(BuildInfo.class);

    assertThat(plain.isStatic()).isFalse();
    assertThat(plain.isCacheable()).isFalse();
  }

  @Test
  void aCacheableQueryIsCacheableButNotStatic() {
    Query<Shared, Void, BuildInfo> q = Parley.query("buildInfo").output(BuildInfo.class).cacheable();

    assertThat(q.isCacheable()).isTrue();
    assertThat(q.isStatic()).isFalse();
  }

  @Test
  void aStaticQueryIsAlsoCacheableAndStaysStaticWhenMadeCacheable() {
    Query<Shared, Void, BuildInfo> q = Parley.query("buildInfo").output(BuildInfo.class).asStatic();

    assertThat(q.isStatic()).isTrue();
    assertThat(q.isCacheable()).isTrue();
    assertThat(q.cacheable().isStatic()).isTrue();
    assertThat(Parley.query("x").cacheable().asStatic().isStatic()).isTrue();
  }

  @Test
  void copiesKeepTheCaching() {
    Query<Shared, Id, BuildInfo> q = Parley.query("buildInfo").asStatic()
        .input(Id.class).output(BuildInfo.class).description("d").role(Role.SHARED);
    Query<Shared, Id, BuildInfo> c = Parley.query("other").cacheable()
        .input(Id.class).output(BuildInfo.class).description("d");

    assertThat(q.isStatic()).isTrue();
    assertThat(c.isCacheable()).isTrue();
    assertThat(c.isStatic()).isFalse();
  }

  @Test
  void equalityAndHashCodeTellTheCachingApart() {
    Query<Shared, Void, BuildInfo> plain = Parley.query("buildInfo").output(BuildInfo.class);
    Query<Shared, Void, BuildInfo> cacheable = plain.cacheable();
    Query<Shared, Void, BuildInfo> fixed = plain.asStatic();

    assertThat(plain).isNotEqualTo(cacheable).isNotEqualTo(fixed);
    assertThat(cacheable).isNotEqualTo(fixed);
    assertThat(fixed).isEqualTo(Parley.query("buildInfo").output(BuildInfo.class).asStatic());
    assertThat(fixed.hashCode())
        .isEqualTo(Parley.query("buildInfo").output(BuildInfo.class).asStatic().hashCode());
    assertThat(List.of(plain.hashCode(), cacheable.hashCode(), fixed.hashCode()))
        .doesNotHaveDuplicates();
  }

  @Test
  void onlyQueriesCanBeMadeStaticOrCacheable() {
    for (Class<?> kind : List.of(Mutation.class, Subscription.class, Event.class, Topic.class)) {
      assertThat(Arrays.stream(kind.getMethods()).map(Method::getName))
          .as(kind.getSimpleName())
          .doesNotContain("asStatic", "cacheable", "isStatic", "isCacheable");
    }
  }
}
