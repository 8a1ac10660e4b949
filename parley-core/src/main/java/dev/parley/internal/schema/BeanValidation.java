package dev.parley.internal.schema;

import dev.parley.Issue;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Jakarta Validation through Hibernate Validator, bootstrapped once, on first use, with the
 * parameter interpolator ({@code {min}} and {@code {max}} in messages, no Jakarta EL needed).
 */
final class BeanValidation {
  private BeanValidation() {}

  private static final class Holder {
    /**
     * Hibernate Validator announces its version at INFO on every start (HV000001), through
     * java.util.logging unless another logging system is found: noise for Parley's users. Kept
     * here so that the level holds.
     */
    static final java.util.logging.Logger VERSION_LINE = quiet();
    static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class)
        .configure()
        .messageInterpolator(new ParameterMessageInterpolator())
        .buildValidatorFactory();
    static final Validator VALIDATOR = FACTORY.getValidator();
  }

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger logger =
        java.util.logging.Logger.getLogger("org.hibernate.validator.internal.util.Version");
    if (logger.getLevel() == null) {
      logger.setLevel(java.util.logging.Level.WARNING);
    }
    return logger;
  }

  /** Whether {@code type} declares any constraint, on itself, its fields or their type arguments. */
  static boolean constrains(Class<?> type) {
    return describe(type).isBeanConstrained();
  }

  /** Every constraint the validator finds on {@code type}, as it will check them. */
  static BeanDescriptor describe(Class<?> type) {
    return Holder.VALIDATOR.getConstraintsForClass(type);
  }

  /**
   * The message of {@code constraint}, declared on {@code type}, rendered by the validator's own
   * interpolator (same bundles, same default locale) with the {@code parameters} its validator
   * adds.
   */
  static String message(
      ConstraintDescriptor<?> constraint, Class<?> type, Map<String, Object> parameters) {
    return Holder.FACTORY.getMessageInterpolator().interpolate(
        constraint.getMessageTemplate(), new MessageContext(constraint, type, parameters));
  }

  /** Whether {@code value} satisfies the constraints of its class. */
  static boolean valid(Object value) {
    return Holder.VALIDATOR.validate(value).isEmpty();
  }

  /** Adds the violations of {@code value}, which is at {@code path}, in a stable order. */
  static void collect(Object value, String path, List<Issue> issues) {
    Set<ConstraintViolation<Object>> violations = Holder.VALIDATOR.validate(value);
    List<Issue> found = new ArrayList<>(violations.size());
    for (ConstraintViolation<Object> v : violations) {
      found.add(new Issue(merge(path, v.getPropertyPath()), v.getMessage()));
    }
    found.sort(Constraints.ORDER);
    issues.addAll(found);
  }

  /** The validator's property path put under {@code prefix}, in Parley's form. */
  static String merge(String prefix, Path propertyPath) {
    String path = prefix;
    for (Path.Node node : propertyPath) {
      if (node.isInIterable()) {
        if (node.getIndex() != null) {
          path = Paths.index(path, node.getIndex());
        } else if (node.getKey() != null) {
          path = Paths.property(path, String.valueOf(node.getKey()));
        }
      }
      String name = node.getName();
      boolean named = node.getKind() != ElementKind.CONTAINER_ELEMENT
          && node.getKind() != ElementKind.BEAN;
      if (name != null && named) {
        path = Paths.property(path, name);
      }
    }
    return path;
  }
}
