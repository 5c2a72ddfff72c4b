package io.github.seastreamer;

/**
 * Masks the password in the user-info of URIs so they can be logged and shown.
 *
 * <p>
 * {@code redis://user:secret@host} becomes {@code redis://user:****@host}; user-info
 * without a colon is taken as a password (Redis convention) and masked whole. Every
 * URI-like part of a text is masked, so whole lists of nodes can be passed; so are nodes
 * written without a scheme ({@code user:secret@host:6379}).
 */
public final class UriMasking {

	/** The text that replaces a password. */
	public static final String MASK = "****";

	private static final String ITEM_DELIMITERS = ", \t\r\n()`'\";";

	private UriMasking() {
	}

	/**
	 * Mask every password in the text.
	 * @param text a URI, a list of URIs, or any text containing them
	 * @return the masked text
	 */
	public static String mask(String text) {
		StringBuilder out = null;
		int from = 0;
		int search = 0;
		while (true) {
			int schemeEnd = text.indexOf("://", search);
			if (schemeEnd < 0) {
				break;
			}
			int authorityStart = schemeEnd + 3;
			int authorityEnd = authorityStart;
			while (authorityEnd < text.length() && "/,? \t\n#".indexOf(text.charAt(authorityEnd)) < 0) {
				authorityEnd++;
			}
			int at = text.lastIndexOf('@', authorityEnd - 1);
			if (at >= authorityStart) {
				if (out == null) {
					out = new StringBuilder(text.length());
				}
				String userInfo = text.substring(authorityStart, at);
				int colon = userInfo.indexOf(':');
				out.append(text, from, authorityStart);
				out.append((colon >= 0) ? userInfo.substring(0, colon + 1) + MASK : MASK);
				from = at;
			}
			search = authorityEnd;
		}
		String masked = text;
		if (out != null) {
			out.append(text, from, text.length());
			masked = out.toString();
		}
		return maskWithoutScheme(masked);
	}

	/**
	 * Mask the user-info of nodes written without a scheme ({@code user:secret@host}), as
	 * they appear in node lists and {@code bootstrap.servers}-like text.
	 */
	private static String maskWithoutScheme(String text) {
		StringBuilder out = null;
		int from = 0;
		int start = 0;
		int length = text.length();
		while (start < length) {
			int end = start;
			while (end < length && ITEM_DELIMITERS.indexOf(text.charAt(end)) < 0) {
				end++;
			}
			if (end > start && !text.substring(start, end).contains("://")) {
				int authorityEnd = start;
				while (authorityEnd < end && "/?#".indexOf(text.charAt(authorityEnd)) < 0) {
					authorityEnd++;
				}
				int at = text.lastIndexOf('@', authorityEnd - 1);
				if (at >= start) {
					if (out == null) {
						out = new StringBuilder(length);
					}
					String userInfo = text.substring(start, at);
					int colon = userInfo.indexOf(':');
					out.append(text, from, start);
					out.append((colon >= 0) ? userInfo.substring(0, colon + 1) + MASK : MASK);
					from = at;
				}
			}
			start = end + 1;
		}
		if (out == null) {
			return text;
		}
		out.append(text, from, length);
		return out.toString();
	}

}
