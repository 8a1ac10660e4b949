package dev.parley;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a variant of a discriminated union on the wire.
 *
 * <p>A sealed interface whose permitted subtypes are records (or other sealed interfaces of
 * records, whose variants join the outer union) is a discriminated union, the Java answer to zod's
 * {@code z.discriminatedUnion('type', …)}. On the wire each variant is its record's JSON object
 * with one more property, {@code "type"}, that names the variant: the record's simple name, or the
 * value of this annotation when the record carries it. Reading needs that property (anywhere in
 * the object); a missing or unknown name is a validation issue at the value's {@code type}.
 *
 * <pre>{@code
 * public sealed interface Shape permits Circle, Square {}
 *
 * // {"type":"circle","radius":1.5}
 * @Variant("circle")
 * public record Circle(@Positive double radius) implements Shape {}
 *
 * // {"type":"Square","side":2.0}
 * public record Square(double side) implements Shape {}
 *
 * double area = switch (shape) { // exhaustive: no default needed
 *   case Circle c -> Math.PI * c.radius() * c.radius();
 *   case Square s -> s.side() * s.side();
 * };
 * }</pre>
 *
 * <p>{@link Schema#of(Class)} refuses a union whose variants share a name, a blank name, and a
 * variant record with a component named {@code type}, which would clash with the discriminator.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variant {

  /** The variant's name on the wire, in the {@code "type"} property; not blank. */
  String value();
}
