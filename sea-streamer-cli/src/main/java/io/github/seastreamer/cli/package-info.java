/**
 * The {@code sea-streamer} command-line tool.
 */
@NullMarked
package io.github.seastreamer.cli;

import org.jspecify.annotations.NullMarked;
