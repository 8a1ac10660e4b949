package dev.parley.internal.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleModule;

/**
 * Makes records through their canonical constructor with a method handle prepared once per record
 * type: Jackson 3.1 calls a creator with {@code MethodHandle.invokeWithArguments}, which adapts the
 * handle again on every call and was the largest single cost of decoding a small input. Anything
 * that is not a plain record's canonical constructor keeps Jackson's own instantiator, and so do
 * its errors, which are rewrapped as Jackson would.
 */
final class RecordCreators extends ValueInstantiators.Base {
  private static final MethodType SPREAD = MethodType.methodType(Object.class, Object[].class);

  private RecordCreators() {}

  /** The module that installs it. */
  static SimpleModule module() {
    return new SimpleModule("parley-record-creators") {
      private static final long serialVersionUID = 1L;

      @Override
      public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addValueInstantiators(new RecordCreators());
      }
    };
  }

  @Override
  public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
      BeanDescription.Supplier description, ValueInstantiator instantiator) {
    if (instantiator.getClass() == StdValueInstantiator.class
        && instantiator.getValueClass().isRecord()
        && ((StdValueInstantiator) instantiator).getWithArgsCreator() instanceof AnnotatedConstructor c
        && c.getParameterCount() > 0) {
      MethodHandle handle = handle(c.getAnnotated());
      if (handle != null) {
        return new Fast((StdValueInstantiator) instantiator, handle);
      }
    }
    return instantiator;
  }

  private static MethodHandle handle(Constructor<?> constructor) {
    try {
      constructor.setAccessible(true);
      return MethodHandles.lookup().unreflectConstructor(constructor)
          .asSpreader(Object[].class, constructor.getParameterCount()).asType(SPREAD);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // not accessible to Parley: Jackson's own way
    }
  }

  /** Jackson's instantiator of a record, calling its constructor through a prepared handle. */
  private static final class Fast extends StdValueInstantiator {
    private static final long serialVersionUID = 1L;
    private final transient MethodHandle constructor;

    Fast(StdValueInstantiator jackson, MethodHandle constructor) {
      super(jackson);
      this.constructor = constructor;
    }

    @Override
    public Object createFromObjectWith(DeserializationContext ctxt, Object[] args)
        throws JacksonException {
      try {
        return (Object) constructor.invokeExact(args);
      } catch (Throwable t) {
        throw rewrapCtorProblem(ctxt, t);
      }
    }
  }
}
