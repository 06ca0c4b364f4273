/**
 * The configuration tree. {@link dev.gatehouse.server.config.ConfigKey} is the one table of keys: each
 * declares its variable, default, {@link dev.gatehouse.server.config.ValueType type} with its range,
 * secrecy and meaning, and reading, problem messages and the start-up print follow from it.
 */
package dev.gatehouse.server.config;
