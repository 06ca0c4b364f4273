/**
 * Log lines: text or one JSON object per line ({@code GATEHOUSE_LOG_FORMAT}), and the request id that
 * ties together every line logged while serving one request.
 */
package dev.gatehouse.server.logging;
