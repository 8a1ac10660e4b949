package dev.parley.server;

import dev.parley.Descriptor;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.CanonicalJson;
import dev.parley.internal.wire.StaticDumpFiles;
import dev.parley.server.internal.LocalInvoker;
import dev.parley.server.internal.Pipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Makes a static dump, the build step of {@link ParleyServer#dump(Path, Identity)}: every query to
 * record is called through the server's pipeline, in process, as the build's identity, and its
 * outputs written as {@link StaticDumpFiles} describes.
 */
final class StaticDump {
  private final Pipeline pipeline;
  private final Identity<?> builder;
  private final JsonCodec codec;

  StaticDump(Pipeline pipeline, Identity<?> builder) {
    this.pipeline = pipeline;
    this.builder = builder;
    this.codec = pipeline.codec();
  }

  void write(Path dir) throws IOException {
    LocalInvoker invoker = new LocalInvoker(pipeline, builder);
    List<String> names = new ArrayList<>();
    Map<String, StaticDumpFiles.Procedure> dumped = new LinkedHashMap<>();
    for (Descriptor<?> d : pipeline.contract().descriptors()) {
      if (d instanceof dev.parley.Procedure<?, ?, ?> p) {
        names.add(p.name());
      }
      if (d instanceof Query<?, ?, ?> q && builder.role().sees(q)) {
        StaticDumpFiles.Procedure p = procedure(invoker, q);
        if (p != null) {
          dumped.put(q.name(), p);
        }
      }
    }
    StaticDumpFiles.write(dir, new StaticDumpFiles.Dump(names, dumped));
  }

  private <I, O> StaticDumpFiles.@Nullable Procedure procedure(LocalInvoker invoker,
      Query<?, I, O> query) {
    List<@Nullable I> inputs = new ArrayList<>();
    boolean hasFallback = false;
    O fallback = null;
    if (pipeline.implementation(query.name()) instanceof Implemented<?, ?, ?> found) {
      @SuppressWarnings("unchecked")
      Implemented<?, I, O> impl = (Implemented<?, I, O>) found;
      inputs.addAll(impl.dumpInputs());
      hasFallback = impl.hasFallback();
      fallback = impl.fallback();
    }
    boolean noInput = query.input().type() == Void.class;
    if (query.isStatic() && noInput && inputs.isEmpty()) {
      inputs.add(null);
    }
    if (inputs.isEmpty() && !hasFallback) {
      return null;
    }
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    for (I input : inputs) {
      O output;
      try {
        output = invoker.call(query, input, Duration.ZERO).output();
      } catch (ParleyException e) {
        throw new IllegalStateException("static dump: " + query.name() + " with input "
            + describe(input) + " failed: " + e.code() + " " + e.getMessage()
            + (e.issues().isEmpty() ? "" : " " + e.issues()), e);
      }
      String key = CanonicalJson.of(codec, query.input().type(), input);
      entries.put(key, codec.parse(codec.encode(query.output().type(), output)));
    }
    JsonNode fallbackJson = null;
    if (hasFallback) {
      var issues = query.output().validate(fallback);
      if (!issues.isEmpty()) {
        throw new IllegalStateException("static dump: the fallback of " + query.name()
            + " fails its output schema: " + issues);
      }
      fallbackJson = codec.parse(codec.encode(query.output().type(), fallback));
    }
    return new StaticDumpFiles.Procedure(query.name(), query.isStatic(), entries, fallbackJson);
  }

  private static String describe(@Nullable Object input) {
    if (input != null && input.getClass().isArray()) {
      return Arrays.deepToString(new Object[] {input});
    }
    return String.valueOf(input);
  }
}
