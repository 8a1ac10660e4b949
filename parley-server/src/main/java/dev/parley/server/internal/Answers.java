package dev.parley.server.internal;

import dev.parley.ParleyException;
import dev.parley.internal.wire.Envelopes;
import dev.parley.internal.wire.JsonLines;
import dev.parley.internal.wire.WireError;
import dev.parley.server.ParleyResponse;
import dev.parley.server.Responder;
import dev.parley.server.Result;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes the pipeline's answers in tRPC's HTTP shapes: one call's envelope and status, a batch's
 * JSON array (status 207 when its calls' statuses differ), or a streamed batch's JSON lines.
 */
final class Answers {
  private static final Map<String, String> STREAM_HEADERS =
      Map.of("content-type", JsonLines.MEDIA_TYPE, "vary", "trpc-accept, accept");

  private final Envelopes envelopes;

  Answers(Envelopes envelopes) {
    this.envelopes = envelopes;
  }

  /** One call's answer on the wire: its HTTP status, its envelope, its retry delay in seconds or -1. */
  record Encoded(int status, byte[] json, long retryAfterSeconds) {}

  Encoded of(Answer answer) {
    return switch (answer) {
      case Answer.Success s -> success(s.route(), s.result(), s.wireSeq());
      case Answer.Failure f -> error(f.error(), f.name());
    };
  }

  private Encoded success(Route route, Result result, long seq) {
    byte[] json = envelopes.result(route.procedure().output().type(), result.output(),
        route.returnsOutput(), route.resourcesOf(result), seq);
    return new Encoded(200, json, -1);
  }

  Encoded error(ParleyException e, @Nullable String path) {
    WireError described = Failures.describe(envelopes, e, path);
    return new Encoded(e.code().httpStatus(), envelopes.error(described),
        described.retryAfterSeconds());
  }

  ParleyResponse single(Encoded a) {
    return new ParleyResponse(a.status(), headers(a.retryAfterSeconds()), a.json());
  }

  private static Map<String, String> headers(long retryAfterSeconds) {
    if (retryAfterSeconds < 0) {
      return HttpWire.JSON_HEADERS;
    }
    Map<String, String> headers = new HashMap<>(HttpWire.JSON_HEADERS);
    headers.put("retry-after", Long.toString(retryAfterSeconds));
    return headers;
  }

  /** Collects a batch's answers into one JSON array, answered when the last arrives. */
  Collector batch(Responder out, int calls) {
    Encoded[] all = new Encoded[calls];
    return new Collector(calls) {
      @Override
      void arrived(int index, Encoded answer, boolean last) {
        all[index] = answer;
        if (last) {
          out.respond(batch(all));
        }
      }
    };
  }

  private static ParleyResponse batch(Encoded[] answers) {
    List<byte[]> elements = new ArrayList<>(answers.length);
    int status = answers[0].status();
    long retryAfter = -1;
    for (Encoded a : answers) {
      elements.add(a.json());
      if (a.status() != status) {
        status = 207;
      }
      retryAfter = Math.max(retryAfter, a.retryAfterSeconds());
    }
    return new ParleyResponse(status, headers(retryAfter), Envelopes.batch(elements));
  }

  /** Streams a batch's answers as JSON lines, each as soon as it arrives. */
  Collector stream(Responder out, int calls) {
    Responder.ResponseStream stream = out.stream(200, STREAM_HEADERS);
    write(stream, JsonLines.head(calls));
    return new Collector(calls) {
      @Override
      void arrived(int index, Encoded answer, boolean last) {
        write(stream, JsonLines.line(index, answer.json()));
        if (last) {
          try {
            stream.close();
          } catch (RuntimeException gone) {
            Failures.LOG.debug("a streamed batch could not be ended: {}", gone.toString());
          }
        }
      }
    };
  }

  private static void write(Responder.ResponseStream stream, byte[] chunk) {
    try {
      stream.write(chunk);
    } catch (RuntimeException gone) {
      Failures.LOG.debug("a streamed batch could not be written: {}", gone.toString());
    }
  }

  /** The answers of one batch as they arrive, from any thread, one at a time. */
  abstract class Collector {
    private int left;

    Collector(int calls) {
      this.left = calls;
    }

    /** The sink of the call at {@code index}. */
    Consumer<Answer> sink(int index) {
      return answer -> {
        Encoded encoded = of(answer);
        synchronized (this) {
          arrived(index, encoded, --left == 0);
        }
      };
    }

    /** Called under this collector's lock, once per call. */
    abstract void arrived(int index, Encoded answer, boolean last);
  }
}
