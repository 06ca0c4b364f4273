package dev.gatehouse.server.config;

/** Whether strangers may create accounts through the API. */
public enum RegistrationMode {
    OPEN,
    CLOSED
}
