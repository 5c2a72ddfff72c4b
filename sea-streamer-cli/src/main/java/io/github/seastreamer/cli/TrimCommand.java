package io.github.seastreamer.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.redis.RedisStreamer;

/**
 * {@code trim}: deletes old entries of a Redis stream and of every shard of it, either
 * down to the newest {@code --maxlen N} entries per Redis key or every entry older than
 * {@code --min-time T} (exact trimming, {@code XTRIM ... MAXLEN = N} /
 * {@code MINID = <ms>-0}). Prints {@code trimmed <n> entries of <key>} and exits 0.
 * Streams of other backends cannot be trimmed: the command fails with an error naming the
 * scheme.
 */
@Command(name = "trim", mixinStandardHelpOptions = true,
		description = "Delete old entries of a Redis stream (and of its shards).")
final class TrimCommand implements Callable<Integer> {

	@Option(names = "--stream", required = true, paramLabel = "URL", converter = Converters.Url.class,
			description = "The stream to trim, e.g. redis://localhost:6379/hello (exactly one key).")
	@Nullable StreamUrl stream;

	@ArgGroup(exclusive = true, multiplicity = "1")
	@Nullable Bound bound;

	static final class Bound {

		@Option(names = "--maxlen", paramLabel = "N", description = "Keep the newest N entries of each Redis key.")
		@Nullable Long maxLen;

		@Option(names = "--min-time", paramLabel = "TIMESTAMP", converter = Converters.Time.class,
				description = "Delete entries older than this time (YYYY-MM-DDTHH:MM:SS[.f] UTC, ISO-8601 with zone, or Unix ms).")
		@Nullable Instant minTime;

	}

	@Override
	public Integer call() throws Exception {
		StreamUrl url = Required.of(this.stream);
		Bound given = Required.of(this.bound);
		StreamKey key = Streams.key("--stream", url);
		if (given.maxLen != null && given.maxLen < 0) {
			throw new ConfigurationException("--maxlen must not be negative: " + given.maxLen);
		}
		Streamer streamer = Streams.connect(url);
		try {
			if (!(streamer instanceof RedisStreamer redis)) {
				throw new ConfigurationException("trim works on Redis streams only; `"
						+ url.streamer().protocol().orElse("?") + "` streams cannot be trimmed");
			}
			long deleted = (given.maxLen != null)
					? Streams.await(redis.trimMaxLen(key, given.maxLen), "XTRIM MAXLEN of " + key)
					: Streams.await(redis.trimBefore(key, Required.of(given.minTime)), "XTRIM MINID of " + key);
			PrintStream out = new PrintStream(SeaStreamerCommand.stdout(), true, StandardCharsets.UTF_8);
			out.println("trimmed " + deleted + " entries of " + key);
			out.flush();
			return 0;
		}
		finally {
			Streams.disconnect(streamer);
		}
	}

}
