package dev.parley.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Issue;
import dev.parley.Schema;
import dev.parley.TypeRef;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DerivedSchemaTest {
  enum Priority { LOW, HIGH }

  record Item(String name, int count) {}

  record Order(String id, List<Item> items, Map<String, Item> tags, Optional<String> note) {}

  record Everything(
      String s, int i, long l, short sh, byte by, char c, float f, double d, boolean b,
      Integer boxed, BigDecimal dec, BigInteger big, Instant at, LocalDate day,
      LocalDateTime local, OffsetDateTime offset, Duration delay, UUID id, Priority priority,
      List<String> list, Collection<String> collection, Set<Priority> set,
      Map<String, Integer> map, Optional<Item> optional) {}

  record Todo(@NotBlank @Size(min = 1, max = 200) String text, @Positive int rank,
      @Nullable @Email String email, List<@NotBlank String> labels) {}

  record Board(String title, List<Todo> todos, Map<String, Todo> pinned) {}

  record Tree(String label, List<Tree> children) {}

  record Page<T>(List<T> items, int total) {}

  record Holder(Object anything) {}

  record Loose(@Nullable String maybe, List<@Nullable String> holes,
      Map<String, @Nullable Integer> sparse) {}

  private static Everything everything() {
    return new Everything("s", 1, 2L, (short) 3, (byte) 4, 'c', 1.5f, 2.5, true, 7,
        new BigDecimal("1.50"), BigInteger.TEN, Instant.EPOCH, LocalDate.EPOCH,
        LocalDateTime.parse("2024-01-31T10:15:30"), OffsetDateTime.parse("2024-01-31T10:15:30Z"),
        Duration.ofSeconds(1), UUID.randomUUID(), Priority.LOW, List.of("a"), List.of("b"),
        Set.of(Priority.HIGH), Map.of("k", 1), Optional.of(new Item("x", 1)));
  }

  @Test
  void acceptsEverySupportedType() {
    assertThat(Schema.of(Everything.class).validate(everything())).isEmpty();
    for (Class<?> scalar : List.of(String.class, Integer.class, int.class, Long.class,
        Double.class, Boolean.class, BigDecimal.class, BigInteger.class, Instant.class,
        LocalDate.class, LocalDateTime.class, OffsetDateTime.class, Duration.class, UUID.class,
        Priority.class)) {
      assertThat(DerivedSchema.of(scalar).type()).isEqualTo(scalar);
    }
    assertThat(Schema.of(Priority.class).validate(Priority.HIGH)).isEmpty();
    assertThat(Schema.of(String.class).validate("")).isEmpty();
  }

  @Test
  void reportsNullRootAsRequired() {
    assertThat(Schema.of(Item.class).validate(null)).containsExactly(new Issue("", "is required"));
    assertThat(Schema.of(String.class).validate(null))
        .containsExactly(new Issue("", "is required"));
    assertThat(Schema.of(Void.class).validate(null)).isEmpty();
  }

  @Test
  void requiresEveryComponentThatIsNotOptionalOrNullable() {
    assertThat(Schema.of(Order.class).validate(new Order(null, null, null, null)))
        .containsExactly(
            new Issue("id", "is required"),
            new Issue("items", "is required"),
            new Issue("tags", "is required"));
    assertThat(Schema.of(Order.class).validate(
        new Order("o", List.of(), Map.of(), Optional.empty()))).isEmpty();
  }

  @Test
  void allowsNullWhereDeclaredNullable() {
    List<String> holes = Arrays.asList("a", null);
    Map<String, Integer> sparse = new HashMap<>();
    sparse.put("gone", null);
    assertThat(Schema.of(Loose.class).validate(new Loose(null, holes, sparse))).isEmpty();
  }

  @Test
  void reportsNullElementsAndMapValues() {
    List<Item> items = Arrays.asList(new Item("a", 1), null);
    Map<String, Item> tags = new LinkedHashMap<>();
    tags.put("key", null);
    tags.put("odd key", null);
    assertThat(Schema.of(Order.class).validate(new Order("o", items, tags, Optional.empty())))
        .containsExactly(
            new Issue("items[1]", "is required"),
            new Issue("tags.key", "is required"),
            new Issue("tags[\"odd key\"]", "is required"));
  }

  @Test
  void reportsNestedPaths() {
    List<Item> items = List.of(new Item("a", 1), new Item("b", 2), new Item(null, 3));
    Map<String, Item> tags = new LinkedHashMap<>();
    tags.put("k", new Item(null, 1));
    tags.put("a b", new Item(null, 1));
    assertThat(Schema.of(Order.class).validate(new Order("o", items, tags, Optional.empty())))
        .containsExactly(
            new Issue("items[2].name", "is required"),
            new Issue("tags.k.name", "is required"),
            new Issue("tags[\"a b\"].name", "is required"));
  }

  @Test
  void validatesPresentOptionalContent() {
    record Wrapper(Optional<Item> item) {}
    assertThat(Schema.of(Wrapper.class).validate(new Wrapper(Optional.of(new Item(null, 1)))))
        .containsExactly(new Issue("item.name", "is required"));
    assertThat(Schema.of(Wrapper.class).validate(new Wrapper(Optional.empty()))).isEmpty();
    assertThat(Schema.of(Wrapper.class).validate(new Wrapper(null))).isEmpty();
  }

  @Test
  void appliesJakartaConstraintsWithPlainMessages() {
    String tooLong = "x".repeat(201);
    assertThat(Schema.of(Todo.class).validate(new Todo(tooLong, 1, null, List.of())))
        .containsExactly(new Issue("text", "size must be between 1 and 200"));
    assertThat(Schema.of(Todo.class).validate(new Todo("ok", 1, "a@b.example", List.of())))
        .isEmpty();
  }

  @Test
  void reportsEveryIssueAtOnce() {
    assertThat(Schema.of(Todo.class).validate(new Todo(" ", 0, "not-an-email", List.of("a", ""))))
        .containsExactlyInAnyOrder(
            new Issue("text", "must not be blank"),
            new Issue("rank", "must be greater than 0"),
            new Issue("email", "must be a well-formed email address"),
            new Issue("labels[1]", "must not be blank"));
  }

  @Test
  void appliesConstraintsOfNestedRecordsAtTheirPath() {
    var good = new Todo("ok", 1, null, List.of());
    var bad = new Todo("", 1, null, List.of("x", " "));
    var board = new Board("b", List.of(good, good, bad), Map.of("top", bad));
    assertThat(Schema.of(Board.class).validate(board)).containsExactlyInAnyOrder(
        new Issue("todos[2].text", "must not be blank"),
        new Issue("todos[2].text", "size must be between 1 and 200"),
        new Issue("todos[2].labels[1]", "must not be blank"),
        new Issue("pinned.top.text", "must not be blank"),
        new Issue("pinned.top.text", "size must be between 1 and 200"),
        new Issue("pinned.top.labels[1]", "must not be blank"));
  }

  @Test
  void consultsTheValidatorOnlyForConstrainedRecords() {
    record Tags(List<@NotBlank String> tags) {}
    assertThat(BeanValidation.constrains(Item.class)).isFalse();
    assertThat(BeanValidation.constrains(Order.class)).isFalse();
    assertThat(BeanValidation.constrains(Todo.class)).isTrue();
    assertThat(BeanValidation.constrains(Tags.class)).isTrue();
    assertThat(Schema.of(Tags.class).validate(new Tags(List.of("a", ""))))
        .containsExactly(new Issue("tags[1]", "must not be blank"));
  }

  @Test
  void mixesRequiredAndConstraintIssues() {
    record Form(@Max(10) int size, String name) {}
    assertThat(Schema.of(Form.class).validate(new Form(11, null))).containsExactly(
        new Issue("name", "is required"), new Issue("size", "must be less than or equal to 10"));
  }

  @Test
  void walksRecursiveRecords() {
    var tree = new Tree("root", List.of(new Tree("a", List.of()), new Tree("b",
        List.of(new Tree(null, List.of())))));
    assertThat(Schema.of(Tree.class).validate(tree))
        .containsExactly(new Issue("children[1].children[0].label", "is required"));
  }

  @Test
  void derivesGenericRecordsNamedWithTypeRef() {
    Schema<Page<Item>> schema = Schema.of(new TypeRef<Page<Item>>() {});
    assertThat(schema.validate(new Page<>(List.of(new Item(null, 1)), 1)))
        .containsExactly(new Issue("items[0].name", "is required"));
  }

  @Test
  void buildsCollectionSchemas() {
    Schema<List<Item>> list = Schema.listOf(Item.class);
    assertThat(list.validate(List.of(new Item("a", 1), new Item(null, 2))))
        .containsExactly(new Issue("[1].name", "is required"));
    assertThat(list).isSameAs(Schema.of(new TypeRef<List<Item>>() {}));
    assertThat(list.type()).isEqualTo(new TypeRef<List<Item>>() {}.type());
    Schema<Set<Item>> set = Schema.setOf(Item.class);
    assertThat(set.validate(Set.of(new Item(null, 1))))
        .containsExactly(new Issue("[0].name", "is required"));
    Schema<Map<String, Item>> map = Schema.mapOf(Item.class);
    assertThat(map.validate(Map.of("k", new Item(null, 1))))
        .containsExactly(new Issue("k.name", "is required"));
    assertThat(map.validate(Map.of("1st", new Item(null, 1))))
        .containsExactly(new Issue("[\"1st\"].name", "is required"));
  }

  @Test
  void buildsParameterizedTypesEqualToTheJdksOwn() {
    Type ours = DerivedSchema.parameterized(Map.Entry.class, String.class, Integer.class);
    Type jdks = new TypeRef<Map.Entry<String, Integer>>() {}.type();
    assertThat(ours).isEqualTo(jdks).hasSameHashCodeAs(jdks).hasToString(jdks.toString());
    assertThat(jdks).isEqualTo(ours);
    assertThat(ours.getTypeName()).isEqualTo(jdks.getTypeName());
    assertThat(ours)
        .isNotEqualTo(DerivedSchema.parameterized(Map.Entry.class, String.class, Long.class))
        .isNotEqualTo(DerivedSchema.parameterized(Map.class, String.class, Integer.class));
  }

  @Test
  void derivesOncePerType() {
    assertThat(Schema.of(Order.class)).isSameAs(Schema.of(Order.class));
    assertThat(Schema.of(Order.class).toString()).isEqualTo("Schema.of(Order)");
  }

  @Test
  void returnsEmptyListForValidValues() {
    var order = new Order("o", new ArrayList<>(List.of(new Item("a", 1))), Map.of(),
        Optional.of("n"));
    assertThat(Schema.of(Order.class).validate(order)).isSameAs(List.of());
  }

  @Test
  void rejectsUnsupportedTypes() {
    assertThatThrownBy(() -> Schema.of(Object.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Schema.of(Object): unsupported type Object (expected a record, sealed"
            + " interface of records, enum, String, number, boolean, Instant, LocalDate, BigDecimal,"
            + " UUID, List, Set, Map<String,V>, Optional)");
    assertThatThrownBy(() -> Schema.of(Holder.class))
        .hasMessageStartingWith("Schema.of(Holder): unsupported type Object in Holder.anything");
    assertThatThrownBy(() -> Schema.of(new TypeRef<Map<Integer, String>>() {}))
        .hasMessageStartingWith("Schema.of(Map<Integer, String>): unsupported type Map<Integer, String>");
    assertThatThrownBy(() -> Schema.of(String[].class))
        .hasMessageStartingWith("Schema.of(String[]): unsupported type String[]");
    assertThatThrownBy(() -> Schema.of(List.class))
        .hasMessageStartingWith("Schema.of(List): unsupported type List");
    assertThatThrownBy(() -> Schema.of(Page.class))
        .hasMessageStartingWith("Schema.of(Page): unsupported type T in Page.items");
    assertThatThrownBy(() -> Schema.of(Thread.class))
        .hasMessageStartingWith("Schema.of(Thread): unsupported type Thread");
  }
}
