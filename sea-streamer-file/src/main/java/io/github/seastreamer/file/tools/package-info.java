/**
 * Tools over {@code .ss} files: {@link io.github.seastreamer.file.tools.SsDecode} (the
 * ss-decode output formats) and {@link io.github.seastreamer.file.tools.SsVerify} (damage
 * report and repair).
 */
@NullMarked
package io.github.seastreamer.file.tools;

import org.jspecify.annotations.NullMarked;
