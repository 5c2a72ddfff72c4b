package io.github.seastreamer.cli;

import java.time.Instant;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.StreamUrl;
import io.github.seastreamer.Timestamps;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli converters of the command-line values, each failing with one line that
 * names the value and what was expected.
 */
final class Converters {

	private Converters() {
	}

	/**
	 * A stream URL such as {@code redis://localhost:6379/a,b}; passwords are masked in
	 * errors.
	 */
	static final class Url implements ITypeConverter<StreamUrl> {

		@Override
		public StreamUrl convert(String value) {
			try {
				return StreamUrl.parse(value);
			}
			catch (SeaStreamerException ex) {
				throw new TypeConversionException(Errors.oneLine(ex));
			}
		}

	}

	/**
	 * {@code start} (earliest) or {@code end} (latest).
	 */
	static final class Offset implements ITypeConverter<StreamReset> {

		@Override
		public StreamReset convert(String value) {
			return switch (value) {
				case "start" -> StreamReset.EARLIEST;
				case "end" -> StreamReset.LATEST;
				default -> throw new TypeConversionException("unknown Offset `" + value + "`: expected start or end");
			};
		}

	}

	/**
	 * {@code realtime}, {@code resumable} or {@code load-balanced}.
	 */
	static final class Mode implements ITypeConverter<ConsumerMode> {

		@Override
		public ConsumerMode convert(String value) {
			return switch (value) {
				case "realtime", "real-time" -> ConsumerMode.REAL_TIME;
				case "resumable" -> ConsumerMode.RESUMABLE;
				case "load-balanced", "loadbalanced" -> ConsumerMode.LOAD_BALANCED;
				default -> throw new TypeConversionException(
						"unknown mode `" + value + "`: expected realtime, resumable or load-balanced");
			};
		}

	}

	/**
	 * {@code log}, {@code ndjson} or {@code payload}.
	 */
	static final class Format implements ITypeConverter<OutputFormat> {

		@Override
		public OutputFormat convert(String value) {
			return switch (value) {
				case "log" -> OutputFormat.LOG;
				case "ndjson" -> OutputFormat.NDJSON;
				case "payload" -> OutputFormat.PAYLOAD;
				default -> throw new TypeConversionException(
						"Invalid Format `" + value + "`: expected log, ndjson or payload");
			};
		}

	}

	/**
	 * A time: {@code YYYY-MM-DDTHH:MM:SS[.f]} (UTC), ISO-8601 with a zone, or Unix
	 * milliseconds.
	 */
	static final class Time implements ITypeConverter<Instant> {

		@Override
		public Instant convert(String value) {
			try {
				return Timestamps.parseLenient(value);
			}
			catch (SeaStreamerException ex) {
				throw new TypeConversionException(Errors.oneLine(ex));
			}
		}

	}

	/**
	 * An unsigned 64-bit sequence number.
	 */
	static final class Sequence implements ITypeConverter<Long> {

		@Override
		public Long convert(String value) {
			try {
				return Long.parseUnsignedLong(value);
			}
			catch (NumberFormatException ex) {
				throw new TypeConversionException(
						"invalid sequence number `" + value + "`: expected an unsigned 64-bit integer");
			}
		}

	}

}
