package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  @Test
  void mapsToTrpcStatusAndJsonRpcCodes() {
    assertThat(ErrorCode.BAD_REQUEST.httpStatus()).isEqualTo(400);
    assertThat(ErrorCode.BAD_REQUEST.jsonRpcCode()).isEqualTo(-32600);
    assertThat(ErrorCode.PARSE_ERROR.jsonRpcCode()).isEqualTo(-32700);
    assertThat(ErrorCode.NOT_FOUND.httpStatus()).isEqualTo(404);
    assertThat(ErrorCode.NOT_FOUND.jsonRpcCode()).isEqualTo(-32004);
    assertThat(ErrorCode.METHOD_NOT_SUPPORTED.httpStatus()).isEqualTo(405);
    assertThat(ErrorCode.TIMEOUT.httpStatus()).isEqualTo(408);
    assertThat(ErrorCode.PAYLOAD_TOO_LARGE.httpStatus()).isEqualTo(413);
    assertThat(ErrorCode.TOO_MANY_REQUESTS.jsonRpcCode()).isEqualTo(-32029);
    assertThat(ErrorCode.INTERNAL_SERVER_ERROR.jsonRpcCode()).isEqualTo(-32603);
  }

  @Test
  void findsCodesByNameAndStatus() {
    assertThat(ErrorCode.named("FORBIDDEN")).contains(ErrorCode.FORBIDDEN);
    assertThat(ErrorCode.named("NOPE")).isEmpty();
    assertThat(ErrorCode.ofHttpStatus(404)).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(ErrorCode.ofHttpStatus(418)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(ErrorCode.ofHttpStatus(599)).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(ErrorCode.class)
  void readsEveryCodeBackFromItsStatusButTheOnesThatShareAStatus(ErrorCode code) {
    ErrorCode read = ErrorCode.ofHttpStatus(code.httpStatus());
    ErrorCode expected = switch (code) {
      case PARSE_ERROR -> ErrorCode.BAD_REQUEST; // 400 is a bad request unless the body says more
      default -> code;
    };
    assertThat(read).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void readsABare400AsBadRequestAndUnknownStatusesByTheirClass() {
    assertThat(ErrorCode.ofHttpStatus(400)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(ErrorCode.ofHttpStatus(499)).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
    assertThat(ErrorCode.ofHttpStatus(500)).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
    assertThat(ErrorCode.ofHttpStatus(499 + 1)).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
    assertThat(ErrorCode.ofHttpStatus(418)).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(ErrorCode.ofHttpStatus(302)).isEqualTo(ErrorCode.BAD_REQUEST);
  }
}
