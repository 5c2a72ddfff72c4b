package io.github.seastreamer.file;

import java.nio.file.Path;
import java.util.List;

import io.github.seastreamer.StreamKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Units of the in-process index of where each stream of a file starts.
 */
class FileRegistryTests {

	private static final StreamKey A = StreamKey.of("a");

	private static final StreamKey B = StreamKey.of("b");

	private static final long CREATED = 1_700_000_000_000L;

	private final FileRegistry.Entry entry = new FileRegistry.Entry(Path.of("unit.ss"));

	@Test
	void theStartOfStreamsIsTheEarliestFirstFrameRecordedSinceTheFileWasCreated() {
		this.entry.startIndex(CREATED);
		this.entry.recordStart(A, 128);
		this.entry.recordStart(B, 5000);
		this.entry.recordStart(A, 9000);
		assertThat(this.entry.startOf(List.of(B), CREATED)).isEqualTo(5000);
		assertThat(this.entry.startOf(List.of(A, B), CREATED)).isEqualTo(128);
	}

	@Test
	void nothingIsKnownWithoutAWriterThatCreatedTheFile() {
		this.entry.recordStart(A, 4096);
		assertThat(this.entry.startOf(List.of(A), CREATED)).isZero();
	}

	@Test
	void aStreamWithoutARecordedStartOrAnotherFileMeansUnknown() {
		this.entry.startIndex(CREATED);
		this.entry.recordStart(A, 4096);
		assertThat(this.entry.startOf(List.of(A, B), CREATED)).isZero();
		assertThat(this.entry.startOf(List.of(A), CREATED + 1)).isZero();
		assertThat(this.entry.startOf(List.of(), CREATED)).isZero();
	}

	@Test
	void theIndexSurvivesAReopenOnlyIfTheFileIsAsTheLastWriterLeftIt() {
		this.entry.startIndex(CREATED);
		this.entry.recordStart(A, 4096);
		this.entry.indexEnds(10_000);
		this.entry.continueIndex(CREATED, 10_000);
		assertThat(this.entry.startOf(List.of(A), CREATED)).isEqualTo(4096);
		this.entry.indexEnds(20_000);
		this.entry.continueIndex(CREATED, 20_001);
		assertThat(this.entry.startOf(List.of(A), CREATED)).isZero();
	}

	@Test
	void aReopenWhileAWriterHasNotClosedTheFileDropsTheIndex() {
		this.entry.startIndex(CREATED);
		this.entry.recordStart(A, 4096);
		this.entry.continueIndex(CREATED, 10_000);
		assertThat(this.entry.startOf(List.of(A), CREATED)).isZero();
	}

	@Test
	void aFailedWriterDropsTheIndex() {
		this.entry.startIndex(CREATED);
		this.entry.recordStart(A, 4096);
		this.entry.dropIndex();
		this.entry.recordStart(B, 8192);
		assertThat(this.entry.startOf(List.of(A), CREATED)).isZero();
		assertThat(this.entry.startOf(List.of(B), CREATED)).isZero();
	}

}
