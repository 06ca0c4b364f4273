/** The command line: {@code gatehouse serve} and {@code gatehouse users ...}. */
package dev.gatehouse.server.cli;
