package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Schema;
import dev.parley.Shared;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * HTTP caching over {@code handle()}: a cacheable query's GET answer carries an {@code ETag} and
 * {@code Cache-Control: no-cache}, a static one's {@code immutable}, and {@code If-None-Match}
 * with the tag is answered 304 with no body; errors, batches and other queries are not tagged.
 */
class HttpCachingTest {
  record Id(long id) {}

  static final Query<Shared, Void, List<String>> LIST =
      Parley.query("list").output(Schema.listOf(String.class)).cacheable();
  static final Query<Shared, Id, String> ITEM =
      Parley.query("item").input(Id.class).output(String.class).cacheable();
  static final Query<Shared, Void, String> VERSION =
      Parley.query("version").output(String.class).asStatic();
  static final Query<Shared, Void, Integer> COUNT = Parley.query("count").output(Integer.class);
  static final Mutation<Shared, String, Void> ADD =
      Parley.mutation("add").input(String.class);
  static final Contract CONTRACT = Contract.of(LIST, ITEM, VERSION, COUNT, ADD);

  private final List<String> items = new CopyOnWriteArrayList<>(List.of("milk"));
  private final ParleyServer<Identity<Void>> server = server();

  private ParleyServer<Identity<Void>> server() {
    ParleyServer<Identity<Void>> s = ParleyServer.builder(CONTRACT).build();
    s.implement(LIST, (ctx, in) -> List.copyOf(items));
    s.implement(ITEM, (ctx, in) -> {
      if (in.id() >= items.size()) {
        throw new ParleyException(ErrorCode.NOT_FOUND, "no item " + in.id());
      }
      return items.get((int) in.id());
    });
    s.implement(VERSION, (ctx, in) -> "1.0");
    s.implement(COUNT, (ctx, in) -> items.size());
    s.implement(ADD, (ctx, in) -> {
      items.add(in);
      return null;
    });
    return s;
  }

  private ParleyResponse get(String path, String query, Map<String, List<String>> headers) {
    return server.handle(new ParleyRequest("GET", path, query, headers, new byte[0], null));
  }

  private ParleyResponse get(String path, String ifNoneMatch) {
    return get(path, "", Map.of("if-none-match", List.of(ifNoneMatch)));
  }

  private String tag(String path) {
    return get(path, "", Map.of()).headers().get("etag");
  }

  @Test
  void aCacheableQueryIsTaggedAndAnsweredNotModifiedWhileItsAnswerStaysTheSame() {
    ParleyResponse first = get("list", "", Map.of());
    String tag = first.headers().get("etag");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.bodyText()).isEqualTo("{\"result\":{\"data\":[\"milk\"]}}");
    assertThat(tag).matches("\"[A-Za-z0-9_-]{22}\"");
    assertThat(first.headers()).containsEntry("cache-control", "no-cache")
        .containsEntry("content-type", "application/json");

    ParleyResponse again = get("list", tag);
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers()).containsEntry("etag", tag).containsEntry("cache-control", "no-cache")
        .doesNotContainKey("content-type");

    server.handle(Fixture.post("add", "", "\"eggs\""));
    ParleyResponse changed = get("list", tag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.bodyText()).isEqualTo("{\"result\":{\"data\":[\"milk\",\"eggs\"]}}");
    assertThat(changed.headers().get("etag")).isNotEqualTo(tag);
  }

  @Test
  void theTagOfAnInputIsItsOwn() {
    items.add("eggs");
    String zero = get("item", Fixture.input("{\"id\":0}"), Map.of()).headers().get("etag");
    String one = get("item", Fixture.input("{\"id\":1}"), Map.of()).headers().get("etag");

    assertThat(zero).isNotEqualTo(one);
    assertThat(get("item", Fixture.input("{\"id\":1}"), Map.of("if-none-match", List.of(zero)))
        .status()).isEqualTo(200);
    assertThat(get("item", Fixture.input("{\"id\":1}"), Map.of("if-none-match", List.of(one)))
        .status()).isEqualTo(304);
  }

  @Test
  void aStaticQueryMayBeCachedForAYearByAnyCacheUnlessTheCallerSentCredentials() {
    ParleyResponse anonymous = get("version", "", Map.of());
    ParleyResponse signedIn = get("version", "", Map.of("authorization", List.of("Bearer x")));
    ParleyResponse withCookie = get("version", "", Map.of("cookie", List.of("s=1")));

    assertThat(anonymous.headers())
        .containsEntry("cache-control", "public, max-age=31536000, immutable");
    assertThat(signedIn.headers())
        .containsEntry("cache-control", "private, max-age=31536000, immutable");
    assertThat(withCookie.headers())
        .containsEntry("cache-control", "private, max-age=31536000, immutable");
    assertThat(signedIn.headers().get("etag")).isEqualTo(anonymous.headers().get("etag"));
    ParleyResponse notModified = get("version", anonymous.headers().get("etag"));
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.headers())
        .containsEntry("cache-control", "public, max-age=31536000, immutable");
  }

  @Test
  void ifNoneMatchWithGarbageIsIgnored() {
    String tag = tag("list");
    for (String garbage : List.of("garbage", "\"unterminated", "W/", "", ",,,", "\"\"",
        tag.substring(1), "W/" + tag.substring(0, tag.length() - 1), "x" + tag)) {
      ParleyResponse r = get("list", garbage);
      assertThat(r.status()).as(garbage).isEqualTo(200);
      assertThat(r.bodyText()).as(garbage).isEqualTo("{\"result\":{\"data\":[\"milk\"]}}");
    }
  }

  @Test
  void ifNoneMatchWithAListOfTagsMatchesWhenOneOfThemIsTheTag() {
    String tag = tag("list");

    assertThat(get("list", "\"a\", " + tag + ", \"b\"").status()).isEqualTo(304);
    assertThat(get("list", "garbage, " + tag).status()).isEqualTo(304);
    assertThat(get("list", "\"a\",\"b\"").status()).isEqualTo(200);
    assertThat(get("list", "", Map.of("if-none-match", List.of("\"a\"", tag))).status())
        .as("the values of repeated headers are one list").isEqualTo(304);
  }

  @Test
  void ifNoneMatchStarMatchesAnySuccess() {
    assertThat(get("list", "*").status()).isEqualTo(304);
    assertThat(get("version", "*").status()).isEqualTo(304);
  }

  @Test
  void aWeakTagMatchesByWeakComparison() {
    String tag = tag("list");

    assertThat(get("list", "W/" + tag).status()).isEqualTo(304);
    assertThat(get("list", "W/\"other\"").status()).isEqualTo(200);
  }

  @Test
  void anErrorIsNeitherTaggedNorAnsweredNotModified() {
    ParleyResponse missing = get("item", Fixture.input("{\"id\":9}"),
        Map.of("if-none-match", List.of("*")));
    ParleyResponse invalid = get("item", Fixture.input("{\"id\":\"x\"}"),
        Map.of("if-none-match", List.of("*")));

    WireAssert.assertError(missing, 404, "NOT_FOUND", -32004, "item");
    WireAssert.assertError(invalid, 400, "BAD_REQUEST", -32600, "item");
    assertThat(missing.headers()).doesNotContainKeys("etag", "cache-control");
    assertThat(invalid.headers()).doesNotContainKeys("etag", "cache-control");
  }

  @Test
  void aQueryThatIsNotCacheableIsNotTagged() {
    ParleyResponse r = get("count", "*");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).doesNotContainKeys("etag", "cache-control");
  }

  @Test
  void aBatchIsNeitherTaggedNorAnsweredNotModified() {
    String tag = tag("list");
    ParleyResponse batch = get("list,version", "batch=1", Map.of("if-none-match", List.of(tag, "*")));

    assertThat(batch.status()).isEqualTo(200);
    assertThat(batch.bodyText())
        .isEqualTo("[{\"result\":{\"data\":[\"milk\"]}},{\"result\":{\"data\":\"1.0\"}}]");
    assertThat(batch.headers()).doesNotContainKeys("etag", "cache-control");
  }

  @Test
  void aPostIsNeverTagged() {
    ParleyResponse query = server.handle(Fixture.post("list", "", ""));
    ParleyResponse mutation = server.handle(new ParleyRequest("POST", "add", "",
        Map.of("content-type", List.of("application/json"), "if-none-match", List.of("*")),
        "\"x\"".getBytes(StandardCharsets.UTF_8), null));

    assertThat(query.status()).isEqualTo(405);
    assertThat(mutation.status()).isEqualTo(200);
    assertThat(query.headers()).doesNotContainKey("etag");
    assertThat(mutation.headers()).doesNotContainKey("etag");
  }
}
