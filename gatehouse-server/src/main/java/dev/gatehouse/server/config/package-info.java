/** The configuration tree, its keys and their validation. */
package dev.gatehouse.server.config;
