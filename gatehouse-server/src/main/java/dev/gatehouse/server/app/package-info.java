/** The composition root: configuration, store and services wired together, and the running server. */
package dev.gatehouse.server.app;
