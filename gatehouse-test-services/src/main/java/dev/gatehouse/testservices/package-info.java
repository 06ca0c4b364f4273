/**
 * Real PostgreSQL and Redis servers for the test suite: the machine's when configured or present,
 * otherwise ones the fixture starts; failure tests get servers of their own to stop and start.
 */
package dev.gatehouse.testservices;
