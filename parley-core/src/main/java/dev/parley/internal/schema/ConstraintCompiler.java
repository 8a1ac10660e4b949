package dev.parley.internal.schema;

import jakarta.validation.Constraint;
import jakarta.validation.GroupSequence;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ContainerElementTypeDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.group.GroupSequenceProvider;
import org.jspecify.annotations.Nullable;

/**
 * Decides, once per record, who checks its Jakarta constraints: nobody when it has none; Parley's
 * own {@link CompiledConstraints} when every constraint Hibernate Validator finds on it compiles;
 * otherwise Hibernate Validator, for the whole record. A record is compiled only when it is plain:
 * no class-level constraint, no {@code @Valid}, no redefined default group, and every constraint
 * on a record component's field (as declared, or on a type argument of a list, set, collection or
 * map value), each compiled by {@link RuleCompiler}. The constraints Hibernate Validator finds are
 * counted against the annotations on the fields, so that one found elsewhere (a getter, an
 * interface, XML) leaves the record to Hibernate Validator.
 */
final class ConstraintCompiler {
  /** The element that Jakarta's repeatable constraint lists ({@code @Size.List}) hold. */
  private static final String LIST_ELEMENT = "value";

  /** The type argument that holds a list's, set's or collection's elements. */
  private static final int ELEMENT = 0;

  /** The type argument that holds a map's values. */
  private static final int MAP_VALUE = 1;

  private ConstraintCompiler() {}

  /** Who checks the constraints of {@code record}, a record class. */
  static Constraints of(Class<?> record) {
    if (!BeanValidation.constrains(record)) {
      return Constraints.None.INSTANCE;
    }
    List<ComponentRules> compiled = compile(record);
    return compiled == null ? Constraints.Hibernate.INSTANCE : new CompiledConstraints(compiled);
  }

  private static @Nullable List<ComponentRules> compile(Class<?> record) {
    BeanDescriptor bean = BeanValidation.describe(record);
    if (!bean.getConstraintDescriptors().isEmpty()
        || record.isAnnotationPresent(GroupSequence.class)
        || record.isAnnotationPresent(GroupSequenceProvider.class)) {
      return null;
    }
    Map<String, PropertyDescriptor> properties = new HashMap<>();
    for (PropertyDescriptor p : bean.getConstrainedProperties()) {
      properties.put(p.getPropertyName(), p);
    }
    List<ComponentRules> compiled = new ArrayList<>();
    for (RecordComponent c : record.getRecordComponents()) {
      PropertyDescriptor property = properties.remove(c.getName());
      if (property == null) {
        continue;
      }
      ComponentRules rules = component(record, field(record, c), property);
      if (rules == null) {
        return null;
      }
      compiled.add(rules);
    }
    return properties.isEmpty() ? compiled : null; // a constrained getter, not a component
  }

  private static @Nullable ComponentRules component(
      Class<?> record, Field field, PropertyDescriptor property) {
    Class<?> declared = field.getType();
    Set<ContainerElementTypeDescriptor> containers = property.getConstrainedContainerElementTypes();
    if (property.isCascaded() || !property.getGroupConversions().isEmpty()
        || declared == Optional.class
        || !(field.getGenericType() instanceof Class<?>
            || field.getGenericType() instanceof ParameterizedType)
        || count(field.getDeclaredAnnotations()) != property.getConstraintDescriptors().size()
        || countArguments(field.getAnnotatedType()) != countContained(containers)) {
      return null;
    }
    List<Rule> rules = rules(property.getConstraintDescriptors(), declared, record);
    if (rules == null) {
      return null;
    }
    ElementRules elements = null;
    if (!containers.isEmpty()) {
      elements = elements(record, field, containers);
      if (elements == null) {
        return null;
      }
    }
    return ComponentRules.of(field, rules, elements);
  }

  /** The rules on the elements of {@code field}'s only constrained type argument. */
  private static @Nullable ElementRules elements(
      Class<?> record, Field field, Set<ContainerElementTypeDescriptor> containers) {
    if (containers.size() != 1) {
      return null;
    }
    ContainerElementTypeDescriptor container = containers.iterator().next();
    Class<?> declared = field.getType();
    ElementRules.Layout layout = layout(declared, container.getTypeArgumentIndex());
    if (layout == null || container.getContainerClass() != declared || container.isCascaded()
        || !container.getGroupConversions().isEmpty()
        || !container.getConstrainedContainerElementTypes().isEmpty()
        || !(field.getGenericType() instanceof ParameterizedType p)
        || !(p.getActualTypeArguments()[container.getTypeArgumentIndex()]
            instanceof Class<?> element)) {
      return null;
    }
    List<Rule> rules = rules(container.getConstraintDescriptors(), element, record);
    return rules == null ? null : new ElementRules(layout, rules);
  }

  private static ElementRules.@Nullable Layout layout(Class<?> container, int argument) {
    if (container == List.class && argument == ELEMENT) {
      return ElementRules.Layout.INDEXED;
    }
    if ((container == Set.class || container == Collection.class) && argument == ELEMENT) {
      return ElementRules.Layout.UNINDEXED;
    }
    return container == Map.class && argument == MAP_VALUE ? ElementRules.Layout.KEYED : null;
  }

  private static @Nullable List<Rule> rules(
      Set<ConstraintDescriptor<?>> constraints, Class<?> declared, Class<?> record) {
    List<Rule> rules = new ArrayList<>(constraints.size());
    for (ConstraintDescriptor<?> c : constraints) {
      Rule rule = RuleCompiler.compile(c, declared, record);
      if (rule == null) {
        return null;
      }
      rules.add(rule);
    }
    return rules;
  }

  private static Field field(Class<?> record, RecordComponent component) {
    try {
      return record.getDeclaredField(component.getName());
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("record " + record.getName() + " has no field "
          + component.getName(), e);
    }
  }

  /** How many constraints {@code annotations} declare, a constraint list counting its elements. */
  private static int count(Annotation[] annotations) {
    int n = 0;
    for (Annotation a : annotations) {
      n += isConstraint(a.annotationType()) ? 1 : listed(a).length;
    }
    return n;
  }

  /** The constraints in a repeatable constraint list such as {@code @Size.List}, else none. */
  private static Annotation[] listed(Annotation annotation) {
    try {
      Method value = annotation.annotationType().getMethod(LIST_ELEMENT);
      Class<?> returned = value.getReturnType();
      if (returned.isArray() && isConstraint(returned.getComponentType())) {
        return (Annotation[]) value.invoke(annotation);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // not a list of constraints, or not one Parley may read: its count stays apart
    }
    return new Annotation[0];
  }

  private static boolean isConstraint(Class<?> type) {
    return type.isAnnotationPresent(Constraint.class);
  }

  /** How many constraints are declared on the type arguments of {@code type}, at any depth. */
  private static int countArguments(AnnotatedType type) {
    AnnotatedType[] parts = switch (type) {
      case AnnotatedParameterizedType p -> p.getAnnotatedActualTypeArguments();
      case AnnotatedWildcardType w -> concat(w.getAnnotatedUpperBounds(),
          w.getAnnotatedLowerBounds());
      case AnnotatedArrayType a -> new AnnotatedType[] {a.getAnnotatedGenericComponentType()};
      default -> new AnnotatedType[0];
    };
    int n = 0;
    for (AnnotatedType part : parts) {
      n += count(part.getDeclaredAnnotations()) + countArguments(part);
    }
    return n;
  }

  private static AnnotatedType[] concat(AnnotatedType[] a, AnnotatedType[] b) {
    AnnotatedType[] both = new AnnotatedType[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** How many constraints Hibernate Validator found in {@code containers}, at any depth. */
  private static int countContained(Set<ContainerElementTypeDescriptor> containers) {
    int n = 0;
    for (ContainerElementTypeDescriptor c : containers) {
      n += c.getConstraintDescriptors().size()
          + countContained(c.getConstrainedContainerElementTypes());
    }
    return n;
  }
}
