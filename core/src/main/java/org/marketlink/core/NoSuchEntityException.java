package org.marketlink.core;

/** An entity that the caller required does not exist. The message names the entity and the key. */
public class NoSuchEntityException extends MarketLinkException {
    private static final long serialVersionUID = 1L;

    /** The kind of entity asked for. */
    private final String entity;
    /** The key asked for, as text. */
    private final String key;

    /** No {@code entity} with this key. */
    public NoSuchEntityException(String entity, Object key) {
        super("no " + entity + " with key " + key);
        this.entity = entity;
        this.key = String.valueOf(key);
    }

    /** The entity name, for example {@code product}. */
    public String entity() {
        return entity;
    }

    /** The key that was looked up, as text. */
    public String key() {
        return key;
    }
}
