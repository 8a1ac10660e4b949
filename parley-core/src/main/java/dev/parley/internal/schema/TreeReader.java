package dev.parley.internal.schema;

import dev.parley.Issue;
import dev.parley.Schema;
import java.lang.reflect.Type;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Reads a JSON tree by a schema's plan, part by part, to find every issue of an input that the
 * codec could not read whole. It is the slow route of decoding, taken only after the codec's own
 * reading has failed, so that a valid input never pays for it.
 *
 * <p>A scalar is read whole by the codec ({@link Scalars}); a record component by component, by
 * name (other properties are ignored, as the codec ignores them); a list or set element by element;
 * a map entry by entry; an {@code Optional} by its content; a union by its {@value
 * Union#DISCRIMINATOR}, then as its variant's record. A part that does not read has one issue: the
 * codec's for a scalar or for JSON of the wrong shape, {@code is required} for a missing or {@code
 * null} primitive, the union's for a missing, unknown or non-string variant name, the constructor's
 * refusal of a record. A part that reads, beside one that does not, is checked as its parent's
 * check would have checked it: present when required, its nested records and containers by their
 * plans, the compiled constraints of its record component and of its elements.
 *
 * <p>What judges a value whole is checked only when that value reads whole: a record's constraints
 * left to Hibernate Validator (class-level constraints, and every constraint of a record that has
 * one Parley does not compile), and the constraints of a list, set or map component itself
 * ({@code @Size}, {@code @NotEmpty}) when one of its elements does not read.
 *
 * <p>A schema that Parley did not derive is read by the {@linkplain Derivation#shape shape} of its
 * type, for type issues only: its own checks need the whole value.
 */
public final class TreeReader {
  /** What {@link Scalars#read} returns for a value it could not read. */
  public static final Object UNREAD = new Object() {
    @Override
    public String toString() {
      return "UNREAD";
    }
  };

  /** The issue of a record whose constructor refuses its components, when it gives no reason. */
  private static final String REFUSED = "is invalid";

  private static final Found NOTHING = new Found(List.of(), false);
  private static final ConcurrentHashMap<Type, Optional<Node>> SHAPES = new ConcurrentHashMap<>();

  /** Reads one JSON value whole, strictly, as the codec reads it. */
  @FunctionalInterface
  public interface Scalars {
    /**
     * {@code node}, which is at {@code path}, read as a {@code type}; or {@link #UNREAD} after
     * adding to {@code issues} why it does not read, at {@code path}.
     */
    @Nullable Object read(Type type, JsonNode node, String path, List<Issue> issues);
  }

  /**
   * What {@link #issues} found.
   *
   * @param issues distinct issues, by path then message, at most as many as asked for
   * @param more whether more issues were found than listed
   */
  public record Found(List<Issue> issues, boolean more) {}

  private final Scalars scalars;
  private final boolean checks;
  private final int max;
  private final Distinct issues = new Distinct();

  private TreeReader(Scalars scalars, boolean checks, int max) {
    this.scalars = scalars;
    this.checks = checks;
    this.max = max;
  }

  /**
   * Every issue of {@code tree} as a value of {@code schema}, up to {@code max}: the type issues of
   * the parts that do not read and, for a schema Parley derived, the issues of the parts that do.
   * Nothing when the tree reads whole, which leaves the codec's own judgement standing. Reading
   * stops once more than {@code max} issues are found.
   *
   * @param scalars how the codec reads a value whole
   */
  public static Found issues(Schema<?> schema, JsonNode tree, Scalars scalars, int max) {
    Node plan = schema instanceof DerivedSchema<?> derived ? derived.plan() : shape(schema.type());
    if (plan == null) {
      return NOTHING;
    }
    TreeReader reader = new TreeReader(scalars, schema instanceof DerivedSchema<?>, max);
    if (reader.read(schema.type(), plan, tree, "", null) != UNREAD) {
      return NOTHING;
    }
    List<Issue> found = new ArrayList<>(reader.issues);
    found.sort(Constraints.ORDER);
    boolean more = found.size() > max;
    return new Found(List.copyOf(more ? found.subList(0, max) : found), more);
  }

  /**
   * The issue of a record whose canonical constructor threw {@code cause} for the components it
   * was given: the message of an {@link IllegalArgumentException}, as a guard clause words it.
   */
  public static String refusal(@Nullable Throwable cause) {
    return cause instanceof IllegalArgumentException e && e.getMessage() != null
        ? e.getMessage()
        : REFUSED;
  }

  private static @Nullable Node shape(Type type) {
    Optional<Node> known = SHAPES.get(type);
    if (known == null) {
      Optional<Node> derived;
      try {
        derived = Optional.of(Derivation.shape(type));
      } catch (IllegalArgumentException e) {
        derived = Optional.empty(); // the codec's one issue stands
      }
      known = SHAPES.putIfAbsent(type, derived);
      if (known == null) {
        known = derived;
      }
    }
    return known.orElse(null);
  }

  /**
   * {@code json} read as a {@code type} by {@code node}, or {@link #UNREAD} when a part of it does
   * not read; {@code rules} are those of its elements, when it is a record component that has some.
   */
  private @Nullable Object read(
      Type type, Node node, JsonNode json, String path, @Nullable ElementRules rules) {
    if (full()) {
      return UNREAD;
    }
    if (json.isNull() || json.isMissingNode()) {
      if (type instanceof Class<?> c && c.isPrimitive()) {
        issues.add(new Issue(path, Node.REQUIRED));
        return UNREAD;
      }
      return node instanceof Node.Present ? Optional.empty() : null;
    }
    return switch (node) {
      case RecordNode r when json.isObject() -> record(r, json, path);
      case UnionNode u when json.isObject() -> union(u, json, path);
      case Node.Elements e when json.isArray() -> elements(e, json, path, rules);
      case Node.Entries e when json.isObject() -> entries(e, json, path, rules);
      case Node.Present p -> {
        Object content = read(p.type(), p.content(), json, path, null);
        yield content == UNREAD ? UNREAD : Optional.ofNullable(content);
      }
      default -> scalars.read(type, json, path, issues); // a scalar, or the wrong shape
    };
  }

  private @Nullable Object record(RecordNode r, JsonNode json, String path) {
    RecordNode.Slot[] slots = r.slots();
    Object[] values = new Object[slots.length];
    boolean whole = true;
    for (int i = 0; i < slots.length; i++) {
      if (full()) {
        return UNREAD;
      }
      RecordNode.Slot s = slots[i];
      JsonNode part = json.get(s.name());
      ElementRules rules = s.rules() == null ? null : s.rules().elements();
      values[i] = read(s.type(), s.node(), part == null ? NullNode.getInstance() : part,
          Paths.property(path, s.name()), rules);
      whole &= values[i] != UNREAD;
    }
    if (whole) {
      Object made = make(r, values, json, path);
      if (made != UNREAD) {
        return made;
      }
    }
    if (checks) {
      for (int i = 0; i < slots.length; i++) {
        if (values[i] != UNREAD) {
          check(slots[i], values[i], path);
        }
      }
    }
    return UNREAD;
  }

  /** The record of {@code values}, by its constructor (the codec's reading when Parley may not). */
  private @Nullable Object make(RecordNode r, Object[] values, JsonNode json, String path) {
    Object made;
    try {
      made = r.make(values);
    } catch (Error e) {
      throw e;
    } catch (Throwable t) {
      issues.add(new Issue(path, refusal(t)));
      return UNREAD;
    }
    return made != null ? made : scalars.read(r.type(), json, path, issues);
  }

  /** The checks of a component that reads, of a record at {@code path} that does not. */
  private void check(RecordNode.Slot s, @Nullable Object value, String path) {
    String at = Paths.property(path, s.name());
    if (value == null) {
      if (s.required()) {
        issues.add(new Issue(at, Node.REQUIRED));
      }
    } else if (!s.node().trivial()) {
      s.node().collect(value, at, issues);
    }
    if (s.rules() != null) {
      s.rules().collectValue(value, path, issues);
    }
  }

  private @Nullable Object union(UnionNode u, JsonNode json, String path) {
    JsonNode name = json.get(Union.DISCRIMINATOR);
    String problem;
    if (name == null || name.isNull()) {
      problem = u.union().missingName();
    } else if (!name.isString()) {
      problem = u.union().nameNotAString();
    } else {
      RecordNode variant = u.variant(name.stringValue());
      if (variant != null) {
        return record(variant, json, path);
      }
      problem = u.union().unknownName(name.stringValue());
    }
    issues.add(new Issue(Paths.property(path, Union.DISCRIMINATOR), problem));
    return UNREAD;
  }

  private @Nullable Object elements(
      Node.Elements e, JsonNode json, String path, @Nullable ElementRules rules) {
    int n = json.size();
    Object[] values = new Object[n];
    boolean whole = true;
    for (int i = 0; i < n; i++) {
      if (full()) {
        return UNREAD;
      }
      values[i] = read(e.type(), e.element(), json.get(i), Paths.index(path, i), null);
      whole &= values[i] != UNREAD;
    }
    if (whole) {
      Collection<Object> made = e.set() ? new HashSet<>() : new ArrayList<>(n);
      Collections.addAll(made, values);
      return made;
    }
    if (checks) {
      for (int i = 0; i < n; i++) {
        if (values[i] != UNREAD) {
          checkElement(e.element(), e.nullable(), values[i], path, Paths.index(path, i), rules);
        }
      }
    }
    return UNREAD;
  }

  private @Nullable Object entries(
      Node.Entries e, JsonNode json, String path, @Nullable ElementRules rules) {
    Map<String, @Nullable Object> values = new LinkedHashMap<>();
    boolean whole = true;
    for (Map.Entry<String, JsonNode> entry : json.properties()) {
      if (full()) {
        return UNREAD;
      }
      Object value = read(e.type(), e.value(), entry.getValue(),
          Paths.property(path, entry.getKey()), null);
      values.put(entry.getKey(), value);
      whole &= value != UNREAD;
    }
    if (whole) {
      return values;
    }
    if (checks) {
      for (Map.Entry<String, @Nullable Object> entry : values.entrySet()) {
        if (entry.getValue() != UNREAD) {
          checkElement(e.value(), e.nullable(), entry.getValue(), path,
              Paths.property(path, entry.getKey()), rules);
        }
      }
    }
    return UNREAD;
  }

  /** Whether more issues are found than asked for: reading then stops. */
  private boolean full() {
    return issues.size() > max;
  }

  /** The checks of an element that reads, at {@code at}, of a container that does not. */
  private void checkElement(Node node, boolean nullable, @Nullable Object value,
      String containerPath, String at, @Nullable ElementRules rules) {
    if (value == null) {
      if (!nullable) {
        issues.add(new Issue(at, Node.REQUIRED));
      }
    } else if (!node.trivial()) {
      node.collect(value, at, issues);
    }
    if (rules != null) {
      rules.collectElement(value, containerPath, at, issues);
    }
  }

  /** Issues in the order found, each once. */
  private static final class Distinct extends AbstractList<Issue> {
    private final Set<Issue> seen = new HashSet<>();
    private final List<Issue> found = new ArrayList<>();

    @Override
    public boolean add(Issue issue) {
      if (seen.add(issue)) {
        found.add(issue);
      }
      return true;
    }

    @Override
    public Issue get(int index) {
      return found.get(index);
    }

    @Override
    public int size() {
      return found.size();
    }
  }
}
