package dev.parley;

import java.util.Optional;

/**
 * The closed set of error codes, each with its HTTP status and the JSON-RPC code that tRPC v11
 * puts on the wire. This table is the only place where codes map to numbers.
 */
public enum ErrorCode {
  /** The request body or query string is not valid JSON. */
  PARSE_ERROR(400, -32700),
  /** The input is malformed or fails validation; the issues say where. */
  BAD_REQUEST(400, -32600),
  /** The caller is not authenticated. */
  UNAUTHORIZED(401, -32001),
  /** Payment is required. */
  PAYMENT_REQUIRED(402, -32002),
  /** The caller is authenticated but not allowed. */
  FORBIDDEN(403, -32003),
  /** No such procedure, or no such entity. */
  NOT_FOUND(404, -32004),
  /** The HTTP method does not fit the procedure, such as a mutation by GET. */
  METHOD_NOT_SUPPORTED(405, -32005),
  /** The call did not finish within its time limit. */
  TIMEOUT(408, -32008),
  /** The call conflicts with the current state. */
  CONFLICT(409, -32009),
  /** A precondition of the call does not hold. */
  PRECONDITION_FAILED(412, -32012),
  /** The request body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE(413, -32013),
  /** The request's content type is not one the server reads. */
  UNSUPPORTED_MEDIA_TYPE(415, -32015),
  /** The input is well formed but cannot be processed. */
  UNPROCESSABLE_CONTENT(422, -32022),
  /** The caller sent too many requests; retry later. */
  TOO_MANY_REQUESTS(429, -32029),
  /** The client went away before the answer. */
  CLIENT_CLOSED_REQUEST(499, -32099),
  /** A failure inside the server; the details are logged, never sent. */
  INTERNAL_SERVER_ERROR(500, -32603),
  /** The procedure exists in the contract but is not implemented. */
  NOT_IMPLEMENTED(501, -32603),
  /** An upstream answered badly. */
  BAD_GATEWAY(502, -32603),
  /** The server cannot serve now, e.g. while it shuts down. */
  SERVICE_UNAVAILABLE(503, -32603),
  /** An upstream did not answer in time. */
  GATEWAY_TIMEOUT(504, -32603);

  private final int httpStatus;
  private final int jsonRpcCode;

  ErrorCode(int httpStatus, int jsonRpcCode) {
    this.httpStatus = httpStatus;
    this.jsonRpcCode = jsonRpcCode;
  }

  /** The HTTP status this code is answered with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The JSON-RPC code in the {@code error.code} field of tRPC's wire format. */
  public int jsonRpcCode() {
    return jsonRpcCode;
  }

  /** The code with this name ({@code "NOT_FOUND"}), if there is one. */
  public static Optional<ErrorCode> named(String name) {
    for (ErrorCode c : values()) {
      if (c.name().equals(name)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The code for an HTTP status that carries no tRPC error body (a proxy's or a gateway's own
   * answer), for clients: an explicit table, so that a bare {@code 400} is {@link #BAD_REQUEST} and
   * not {@link #PARSE_ERROR}, which shares its status. A status not in the table is {@link
   * #INTERNAL_SERVER_ERROR} from 500 up and {@link #BAD_REQUEST} below.
   */
  public static ErrorCode ofHttpStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 402 -> PAYMENT_REQUIRED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_SUPPORTED;
      case 408 -> TIMEOUT;
      case 409 -> CONFLICT;
      case 412 -> PRECONDITION_FAILED;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 422 -> UNPROCESSABLE_CONTENT;
      case 429 -> TOO_MANY_REQUESTS;
      case 499 -> CLIENT_CLOSED_REQUEST;
      case 501 -> NOT_IMPLEMENTED;
      case 502 -> BAD_GATEWAY;
      case 503 -> SERVICE_UNAVAILABLE;
      case 504 -> GATEWAY_TIMEOUT;
      default -> status >= 500 ? INTERNAL_SERVER_ERROR : BAD_REQUEST;
    };
  }
}
