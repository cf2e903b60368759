package org.civitas.issuer.config;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.civitas.issuer.audit.AuditAnchors;
import org.civitas.issuer.issuance.IssuanceRelay;
import org.civitas.issuer.key.AgencyKeys;
import org.civitas.issuer.key.Pkcs12AgencyKeys;
import org.civitas.issuer.status.StatusChanges;
import org.civitas.issuer.status.StatusListPublisher;
import org.civitas.server.ledger.LedgerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Brings the outboxes back to a consistent state when the service starts (status list anchorings and audit
 * anchorings in flight are resubmitted, pending issuances and status changes are replayed) before new work is
 * relayed, and anchors every agency's audit chain head periodically ({@code civitas.issuer.audit.anchor-interval},
 * 5 minutes by default) and once more at shutdown. Agencies' keys dropped in the import directory are taken into
 * the keystore every {@code civitas.issuer.keystore.import-interval} (5 seconds by default).
 */
@Singleton
@Requires(beans = LedgerClient.class)
public class IssuerLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerLifecycle.class);

    private final StatusListPublisher publisher;
    private final AuditAnchors anchors;
    private final IssuanceRelay relay;
    private final StatusChanges changes;
    private final AgencyKeys keys;
    private final Duration anchorInterval;
    private final IssuingKeyImport keyImport;
    private final Duration importInterval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "issuer-schedule");
        t.setDaemon(true);
        return t;
    });

    public IssuerLifecycle(StatusListPublisher publisher, AuditAnchors anchors, IssuanceRelay relay,
                           StatusChanges changes, AgencyKeys keys,
                           @Value("${civitas.issuer.audit.anchor-interval:5m}") Duration anchorInterval,
                           @Nullable @Value("${civitas.issuer.keystore.import-dir:}") String importDir,
                           @Value("${civitas.issuer.keystore.import-interval:5s}") Duration importInterval) {
        this.publisher = publisher;
        this.anchors = anchors;
        this.relay = relay;
        this.changes = changes;
        this.keys = keys;
        this.anchorInterval = anchorInterval;
        this.keyImport = keys instanceof Pkcs12AgencyKeys keystore && importDir != null && !importDir.isEmpty()
            ? new IssuingKeyImport(keystore, Path.of(importDir)) : null;
        this.importInterval = importInterval;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        publisher.recover();
        anchors.recover();
        relay.start();
        changes.start();
        scheduler.scheduleWithFixedDelay(() -> anchors.anchorAll(keys.agencies()), anchorInterval.toMillis(),
            anchorInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (keyImport != null) {
            scheduler.scheduleWithFixedDelay(keyImport, importInterval.toMillis(), importInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        }
        LOG.info("credential-issuer is consistent and relaying; audit heads are anchored every {}", anchorInterval);
    }

    @EventListener
    void onShutdown(ShutdownEvent event) {
        scheduler.shutdownNow();
    }
}
