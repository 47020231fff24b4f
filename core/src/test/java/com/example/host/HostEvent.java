package com.example.host;

import java.time.Instant;
import java.util.Optional;

/** A host's own record, outside MarketLink's packages: names and a time the host writes its own way. */
public record HostEvent(String shgId, Instant seenAt, Optional<String> note) {
}
