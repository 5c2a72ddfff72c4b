/**
 * Support shared by the actuator integrations of SeaStreamer (health, metrics, endpoint);
 * not meant for applications.
 */
@NullMarked
package io.github.seastreamer.spring.actuate.support;

import org.jspecify.annotations.NullMarked;
