/**
 * What Redis is good at, for many Gatehouse nodes: announcing revocations to every node at once,
 * and counters shared by all nodes. Nothing here is the only copy of anything.
 */
package dev.gatehouse.store.redis;
