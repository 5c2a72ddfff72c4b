package io.github.seastreamer.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code decode} and {@code verify} in this JVM, on the shared {@code .ss} fixtures.
 */
class DecodeVerifyCommandTests {

	@TempDir
	Path dir;

	record Run(int code, String out, String err) {

	}

	static Run run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		StringWriter err = new StringWriter();
		int code = SeaStreamerCommand.run(out, new PrintWriter(err, true), args);
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
	}

	static Path fixturesDir() {
		Path at = Path.of("").toAbsolutePath();
		while (at != null) {
			for (String name : List.of("testdata/fixtures", "shared/fixtures")) {
				if (Files.isDirectory(at.resolve(name).resolve("rust-written"))) {
					return at.resolve(name);
				}
			}
			at = at.getParent();
		}
		throw new IllegalStateException(
				"cannot find testdata/fixtures (or shared/fixtures) above " + Path.of("").toAbsolutePath());
	}

	static List<Path> fixtures() throws IOException {
		List<Path> files = new ArrayList<>();
		for (String sub : List.of("rust-written", "spec-examples")) {
			try (Stream<Path> list = Files.list(fixturesDir().resolve(sub))) {
				list.filter((p) -> p.toString().endsWith(".ss")).sorted().forEach(files::add);
			}
		}
		return files;
	}

	static Path expected(Path ss, String suffix) {
		String name = ss.getFileName().toString();
		return ss.resolveSibling(name.substring(0, name.length() - 3) + suffix);
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void decodePrintsTheExpectedLogExactly(Path ss) throws IOException {
		Run run = run("decode", "--file", ss.toString());
		assertThat(run.code()).as(run.err()).isZero();
		assertThat(run.out()).isEqualTo(Files.readString(expected(ss, ".expected-ss-decode.log")));
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void decodeNdjsonHasOneLinePerExpectedLine(Path ss) throws IOException {
		Run run = run("decode", "--file", ss.toString(), "--format", "ndjson");
		assertThat(run.code()).as(run.err()).isZero();
		assertThat(run.out().lines().count())
			.isEqualTo(Files.readAllLines(expected(ss, ".expected-ss-decode.ndjson")).size());
	}

	@ParameterizedTest
	@MethodSource("fixtures")
	void verifyFindsTheFixturesClean(Path ss) {
		Run run = run("verify", "--file", ss.toString());
		assertThat(run.code()).as(run.out() + run.err()).isZero();
		assertThat(run.out()).contains(" intact messages, 0 damaged regions");
	}

	@Test
	void verifyReportsDamageAndRepairWritesACleanCopy() throws IOException {
		byte[] bytes = Files.readAllBytes(fixturesDir().resolve("rust-written/consumer.ss"));
		bytes[2000] ^= 0x10;
		Path damaged = Files.write(this.dir.resolve("damaged.ss"), bytes);
		Run verify = run("verify", "--file", damaged.toString());
		assertThat(verify.code()).isEqualTo(1);
		assertThat(verify.out()).startsWith("damaged: offset ").contains(" 1 damaged regions");
		Path repaired = this.dir.resolve("repaired.ss");
		Run repair = run("verify", "--file", damaged.toString(), "--repair", "--output", repaired.toString());
		assertThat(repair.code()).isEqualTo(1);
		assertThat(repair.out()).contains("repaired: wrote ");
		Run again = run("verify", "--file", repaired.toString());
		assertThat(again.code()).as(again.out()).isZero();
	}

	@Test
	void decodeOfAFileThatIsNotSsFailsWithOneLine() throws IOException {
		Path text = Files.writeString(this.dir.resolve("plain.txt"), "just some text, nothing else in here at all");
		Run run = run("decode", "--file", text.toString());
		assertThat(run.code()).isEqualTo(1);
		assertThat(run.err()).startsWith("Error: ").contains("not a .ss file");
	}

	@Test
	void repairWithoutOutputIsAUsageError() {
		Run run = run("verify", "--file", "x.ss", "--repair");
		assertThat(run.code()).isEqualTo(2);
		assertThat(run.err()).contains("--output");
	}

}
