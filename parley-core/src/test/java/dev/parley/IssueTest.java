package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IssueTest {
  @Test
  void prefixesPathsWithDotsAndBrackets() {
    assertThat(new Issue("name", "is required").under("items[2]").path()).isEqualTo("items[2].name");
    assertThat(new Issue("[0]", "is required").under("items").path()).isEqualTo("items[0]");
    assertThat(new Issue("", "is required").under("text").path()).isEqualTo("text");
    assertThat(new Issue("text", "x").under("").path()).isEqualTo("text");
  }

  @Test
  void invalidSummarisesEveryIssueAsBadRequest() {
    var e = ParleyException.invalid("input",
        List.of(new Issue("text", "is required"), new Issue("tags[1]", "must not be blank")));

    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.getMessage()).isEqualTo("input is invalid: text: is required (and 1 more)");
    assertThat(e.issues()).hasSize(2);
  }
}
