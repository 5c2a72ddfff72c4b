package io.github.seastreamer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * The text forms of timestamps used by SeaStreamer's tools and files.
 *
 * <p>
 * {@link #format(Instant)} gives {@code YYYY-MM-DDTHH:MM:SS.f} in UTC without a zone, the
 * fraction with trailing zeros removed but at least one digit ({@code …:53.001},
 * {@code …:54.0}). {@link #formatSeconds(Instant)} gives the whole-second form of stdio.
 */
public final class Timestamps {

	private Timestamps() {
	}

	/**
	 * The canonical form, {@code YYYY-MM-DDTHH:MM:SS.f}.
	 * @param instant the time
	 * @return the text
	 */
	public static String format(Instant instant) {
		StringBuilder out = new StringBuilder(32);
		appendSeconds(out, instant);
		out.append('.');
		int nanos = instant.getNano();
		if (nanos == 0) {
			out.append('0');
		}
		else {
			String digits = Integer.toString(nanos + 1_000_000_000).substring(1);
			int end = digits.length();
			while (digits.charAt(end - 1) == '0') {
				end--;
			}
			out.append(digits, 0, end);
		}
		return out.toString();
	}

	/**
	 * The whole-second form, {@code YYYY-MM-DDTHH:MM:SS}.
	 * @param instant the time
	 * @return the text
	 */
	public static String formatSeconds(Instant instant) {
		StringBuilder out = new StringBuilder(20);
		appendSeconds(out, instant);
		return out.toString();
	}

	private static void appendSeconds(StringBuilder out, Instant instant) {
		LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
		pad(out, t.getYear(), 4).append('-');
		pad(out, t.getMonthValue(), 2).append('-');
		pad(out, t.getDayOfMonth(), 2).append('T');
		pad(out, t.getHour(), 2).append(':');
		pad(out, t.getMinute(), 2).append(':');
		pad(out, t.getSecond(), 2);
	}

	private static StringBuilder pad(StringBuilder out, int value, int width) {
		String text = Integer.toString(value);
		for (int i = text.length(); i < width; i++) {
			out.append('0');
		}
		return out.append(text);
	}

	/**
	 * Parse the strict form {@code YYYY-MM-DDTHH:MM:SS[.f]} (1 to 9 fraction digits, UTC,
	 * no zone), as stdio lines carry it.
	 * @param text the text
	 * @return the time, or {@code null} if the text is not of that form
	 */
	public static @Nullable Instant parseStrict(String text) {
		int n = text.length();
		if (n < 19 || n == 20 || n > 29) {
			return null;
		}
		if (!digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 7) || text.charAt(7) != '-'
				|| !digits(text, 8, 10) || text.charAt(10) != 'T' || !digits(text, 11, 13) || text.charAt(13) != ':'
				|| !digits(text, 14, 16) || text.charAt(16) != ':' || !digits(text, 17, 19)) {
			return null;
		}
		int nanos = 0;
		if (n > 19) {
			if (text.charAt(19) != '.' || !digits(text, 20, n)) {
				return null;
			}
			String fraction = text.substring(20);
			nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
		}
		try {
			LocalDateTime t = LocalDateTime.of(Integer.parseInt(text.substring(0, 4)),
					Integer.parseInt(text.substring(5, 7)), Integer.parseInt(text.substring(8, 10)),
					Integer.parseInt(text.substring(11, 13)), Integer.parseInt(text.substring(14, 16)),
					Integer.parseInt(text.substring(17, 19)), nanos);
			return t.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static boolean digits(String text, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Parse a time given by a person: the strict form above (UTC), an ISO-8601 time with
	 * a zone ({@code 2024-01-01T00:00:00Z}, {@code …+02:00}), or Unix milliseconds.
	 * @param text the text
	 * @return the time
	 * @throws ConfigurationException naming the text if it is none of these
	 */
	public static Instant parseLenient(String text) {
		String trimmed = text.trim();
		Instant strict = parseStrict(trimmed);
		if (strict != null) {
			return strict;
		}
		if (!trimmed.isEmpty() && digits(trimmed, 0, trimmed.length()) && trimmed.length() <= 18) {
			return Instant.ofEpochMilli(Long.parseLong(trimmed));
		}
		try {
			return OffsetDateTime.parse(trimmed).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new ConfigurationException("cannot read `" + text
					+ "` as a time: expected YYYY-MM-DDTHH:MM:SS[.fff] (UTC), an ISO-8601 time with zone, or Unix milliseconds",
					ex);
		}
	}

}
