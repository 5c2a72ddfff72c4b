package io.github.seastreamer.file;

import java.util.Set;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;
import io.github.seastreamer.spi.StreamerProvider;

/**
 * The file backend's entry point for {@code SeaStreamer.connect}: scheme {@code file},
 * the path taken from the first node ({@code file:///srv/a.ss} → {@code /srv/a.ss}),
 * options from {@link FileConnectOptions}.
 *
 * <p>
 * Connecting opens no long-lived resource: it creates the file if the options say so and
 * refuses a file that is not a {@code .ss} file.
 */
public final class FileStreamerProvider implements StreamerProvider {

	/**
	 * Create the provider (called by {@link java.util.ServiceLoader}).
	 */
	public FileStreamerProvider() {
	}

	@Override
	public Set<String> schemes() {
		return Set.of("file");
	}

	@Override
	public Streamer connect(StreamerUri uri, ConnectOptions options) {
		FileConnectOptions fileOptions = options.extension(FileConnectOptions.class)
			.orElse(FileConnectOptions.defaults());
		return new FileStreamer(uri, FileStreamer.pathOf(uri), fileOptions);
	}

}
