package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Writes tRPC's response envelopes straight to bytes: {@code {"result":{"data":…}}} with
 * Parley's {@code resources} (sorted) beside {@code data} for mutations, and {@code {"error":{"message":…,
 * "code":…,"data":{"code":…,"httpStatus":…,"path":…,"issues":[…]}}}}.
 */
final class WireJson {
  private static final int INITIAL_BYTES = 256;

  private final JsonCodec codec;

  WireJson(JsonCodec codec) {
    this.codec = codec;
  }

  byte[] success(Route<?, ?, ?> route, Outcome outcome) {
    ByteSink out = new ByteSink(INITIAL_BYTES);
    try (JsonGenerator g = codec.mapper().createGenerator(out)) {
      g.writeStartObject();
      g.writeName("result");
      g.writeStartObject();
      if (route.returnsOutput()) {
        g.writeName("data");
        g.writePOJO(outcome.output());
      }
      if (route.isMutation()) {
        g.writeName("resources");
        g.writeStartArray();
        for (String r : sorted(outcome.resources())) {
          g.writeString(r);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** The error envelope; {@code path} is the procedure's name, null for a whole-request error. */
  byte[] error(ParleyException e, @Nullable String path) {
    JsonNode details = details(e);
    ByteSink out = new ByteSink(INITIAL_BYTES);
    try (JsonGenerator g = codec.mapper().createGenerator(out)) {
      ErrorCode code = e.code();
      g.writeStartObject();
      g.writeName("error");
      g.writeStartObject();
      g.writeName("message");
      g.writeString(e.getMessage());
      g.writeName("code");
      g.writeNumber(code.jsonRpcCode());
      g.writeName("data");
      g.writeStartObject();
      g.writeName("code");
      g.writeString(code.name());
      g.writeName("httpStatus");
      g.writeNumber(code.httpStatus());
      if (path != null) {
        g.writeName("path");
        g.writeString(path);
      }
      if (!e.issues().isEmpty()) {
        g.writeName("issues");
        g.writeStartArray();
        for (Issue issue : e.issues()) {
          g.writeStartObject();
          g.writeName("path");
          g.writeString(issue.path());
          g.writeName("message");
          g.writeString(issue.message());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      if (details != null) {
        g.writeName("details");
        g.writeTree(details);
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static Iterable<String> sorted(Set<String> resources) {
    if (resources.size() < 2) {
      return resources;
    }
    String[] names = resources.toArray(new String[0]);
    Arrays.sort(names);
    return Arrays.asList(names);
  }

  private @Nullable JsonNode details(ParleyException e) {
    Optional<Object> data = e.data();
    if (data.isEmpty()) {
      return null;
    }
    try {
      return codec.toTree(data.get());
    } catch (ParleyException unwritable) {
      Engine.LOG.error("the data of a {} error cannot be written as JSON; sent without it",
          e.code(), unwritable.getCause());
      return null;
    }
  }
}
