package dev.gatehouse.core.key;

import dev.gatehouse.core.GatehouseException;

/** A stored private key does not open with this master key: this node has a different one. */
public final class WrongMasterKeyException extends GatehouseException {
    private static final long serialVersionUID = 1L;

    public WrongMasterKeyException(String keyId) {
        super("signing key " + keyId + " cannot be decrypted with this master key: every node must share"
                + " the same GATEHOUSE_MASTER_KEY (or master.key file)");
    }
}
