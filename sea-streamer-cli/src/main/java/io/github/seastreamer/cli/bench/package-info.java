/**
 * The {@code bench} subcommand's pluggable raw-client baselines.
 */
@NullMarked
package io.github.seastreamer.cli.bench;

import org.jspecify.annotations.NullMarked;
