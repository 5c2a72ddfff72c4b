package io.github.seastreamer.file.format;

import java.io.IOException;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SurveyorTests {

	private static long[] survey(Set<Integer> present) throws IOException {
		return Surveyor.survey(10, (j) -> {
			if (!present.contains((int) j)) {
				return Surveyor.Direction.UNDECIDED;
			}
			return (j <= 3) ? Surveyor.Direction.LEFT : Surveyor.Direction.RIGHT;
		});
	}

	private static final long INF = Long.MAX_VALUE;

	@Test
	void boundsMatchTheUpstreamSurveyorCases() throws IOException {
		assertThat(survey(Set.of())).containsExactly(0, INF);
		assertThat(survey(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))).containsExactly(3, 4);
		assertThat(survey(Set.of(1, 2, 3, 5, 6, 7, 8, 9, 10))).containsExactly(3, 5);
		assertThat(survey(Set.of(1, 2, 5, 6, 7, 8, 9, 10))).containsExactly(2, 5);
		assertThat(survey(Set.of(1, 8, 9))).containsExactly(1, 8);
		assertThat(survey(Set.of(8, 9))).containsExactly(0, 8);
		assertThat(survey(Set.of(3))).containsExactly(3, INF);
		assertThat(survey(Set.of(8))).containsExactly(0, 8);
	}

	@Test
	void noBeaconsGiveUnboundedRange() throws IOException {
		assertThat(Surveyor.survey(0, (j) -> Surveyor.Direction.LEFT)).containsExactly(0, INF);
	}

}
