package dev.parley.internal.schema;

import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.validation.metadata.ConstraintDescriptor;
import java.util.Collections;
import java.util.Map;
import org.hibernate.validator.messageinterpolation.ExpressionLanguageFeatureLevel;
import org.hibernate.validator.messageinterpolation.HibernateMessageInterpolatorContext;
import org.jspecify.annotations.Nullable;

/**
 * What the message interpolator is given to render a compiled constraint's message once, ahead of
 * any value: the constraint and the message parameters its Hibernate validator would add. The
 * parameter interpolator reads nothing else (it has no expression language), so the message is
 * the one Hibernate Validator renders for every violation of that constraint.
 *
 * @param constraint the constraint whose message is rendered
 * @param rootBeanType the record that declares it
 * @param parameters the parameters the constraint's validator adds, e.g. {@code @Pattern}'s
 *     escaped {@code regexp}
 */
record MessageContext(ConstraintDescriptor<?> constraint, Class<?> rootBeanType,
    Map<String, Object> parameters) implements HibernateMessageInterpolatorContext {

  /** The path of the record itself: the message of a constraint does not depend on where. */
  private static final Path ROOT = Collections.<Path.Node>emptyList()::iterator;

  @Override
  public ConstraintDescriptor<?> getConstraintDescriptor() {
    return constraint;
  }

  /** None: the message is rendered before any value is validated. */
  @Override
  public @Nullable Object getValidatedValue() {
    return null;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new ValidationException("MessageContext cannot be unwrapped to " + type.getName());
  }

  @Override
  public Class<?> getRootBeanType() {
    return rootBeanType;
  }

  @Override
  public Map<String, Object> getMessageParameters() {
    return parameters;
  }

  @Override
  public Map<String, Object> getExpressionVariables() {
    return Map.of();
  }

  @Override
  public Path getPropertyPath() {
    return ROOT;
  }

  @Override
  public ExpressionLanguageFeatureLevel getExpressionLanguageFeatureLevel() {
    return ExpressionLanguageFeatureLevel.NONE;
  }
}
