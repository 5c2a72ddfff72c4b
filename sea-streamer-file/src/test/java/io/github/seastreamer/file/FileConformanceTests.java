package io.github.seastreamer.file;

import java.nio.file.Path;

import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.conformance.StreamerConformanceTests;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend conformance suite on the file backend; each test has a file of its own.
 */
class FileConformanceTests extends StreamerConformanceTests {

	@TempDir
	Path dir;

	@Override
	protected Streamer connect() {
		return SeaStreamer.connect("file://" + this.dir.resolve("conformance.ss"));
	}

}
