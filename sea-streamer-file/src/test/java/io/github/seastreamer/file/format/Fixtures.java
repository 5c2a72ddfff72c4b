package io.github.seastreamer.file.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the shared {@code .ss} fixtures by walking up from the working directory.
 */
public final class Fixtures {

	private Fixtures() {
	}

	/**
	 * The fixtures directory.
	 * @return the path
	 */
	public static Path dir() {
		Path at = Path.of("").toAbsolutePath();
		while (at != null) {
			for (String name : List.of("testdata/fixtures", "shared/fixtures")) {
				Path candidate = at.resolve(name);
				if (Files.isDirectory(candidate.resolve("rust-written"))) {
					return candidate;
				}
			}
			at = at.getParent();
		}
		throw new IllegalStateException(
				"cannot find testdata/fixtures (or shared/fixtures) above " + Path.of("").toAbsolutePath()
						+ ": the .ss fixtures (testdata/fixtures at the repository root) are required");
	}

	/**
	 * Every {@code .ss} fixture.
	 * @return the files
	 */
	public static List<Path> all() {
		List<Path> files = new ArrayList<>();
		for (String sub : List.of("rust-written", "spec-examples")) {
			try (Stream<Path> list = Files.list(dir().resolve(sub))) {
				list.filter((p) -> p.toString().endsWith(".ss")).sorted().forEach(files::add);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return files;
	}

	/**
	 * A companion file of a fixture.
	 * @param ss the fixture
	 * @param suffix such as {@code .expected-ss-decode.log}
	 * @return the path
	 */
	public static Path companion(Path ss, String suffix) {
		String name = ss.getFileName().toString();
		return ss.resolveSibling(name.substring(0, name.length() - 3) + suffix);
	}

}
