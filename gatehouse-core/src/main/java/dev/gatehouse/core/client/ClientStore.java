package dev.gatehouse.core.client;

import java.util.List;
import java.util.Optional;

/** Where clients live. Adapters pass {@code ClientStoreContract}. */
public interface ClientStore {

    /** False, and nothing stored, when the id is taken. */
    boolean insert(Client client);

    Optional<Client> find(ClientId id);

    /** All clients by id. */
    List<Client> list();

    boolean delete(ClientId id);
}
